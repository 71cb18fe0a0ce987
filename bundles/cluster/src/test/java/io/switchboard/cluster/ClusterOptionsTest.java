package io.switchboard.cluster;

import io.switchboard.core.spi.link.LinkUrl;
import io.switchboard.core.config.ConfigException;
import io.switchboard.core.config.ServerOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterOptionsTest {

    @TempDir
    Path dir;

    @Test
    void clusteringIsOffWithoutAClusterPort() {
        ClusterOptions sut = ClusterOptions.read(ServerOptions.load());
        assertThat(sut.enabled()).isFalse();
    }

    @Test
    void readsTheClusterBlock() throws IOException {
        ClusterOptions sut = read("""
                cluster {
                  name: "blue"
                  listen: 127.0.0.1:6334
                  authorization { user: route_user, password: "T0pS3cr3t", timeout: 0.5 }
                  routes = [
                    nats-route://route_user:T0pS3cr3t@127.0.0.1:6335
                    nats://127.0.0.1:6336
                  ]
                  permissions { import: "orders.>", export: { allow: ["orders.>", "news"], deny: "orders.secret" } }
                  advertise: "10.0.0.1:6334"
                  no_advertise: true
                  connect_retries: 2
                }
                """);
        assertThat(sut.enabled()).isTrue();
        assertThat(sut.name()).isEqualTo("blue");
        assertThat(sut.host()).isEqualTo("127.0.0.1");
        assertThat(sut.port()).isEqualTo(6334);
        assertThat(sut.username()).isEqualTo("route_user");
        assertThat(sut.password()).isEqualTo("T0pS3cr3t");
        assertThat(sut.authTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(sut.routes()).containsExactly(new LinkUrl("127.0.0.1", 6335, "route_user", "T0pS3cr3t"),
                new LinkUrl("127.0.0.1", 6336, null, null));
        assertThat(sut.advertise()).isEqualTo("10.0.0.1:6334");
        assertThat(sut.noAdvertise()).isTrue();
        assertThat(sut.connectRetries()).isEqualTo(2);
        assertThat(sut.permissions().canImport("orders.new")).isTrue();
        assertThat(sut.permissions().canImport("news")).isFalse();
        assertThat(sut.permissions().canExport("news")).isTrue();
        assertThat(sut.permissions().canExport("orders.secret")).isFalse();
        assertThat(sut.permissions().canSend("orders.secret")).isFalse();
        assertThat(sut.permissions().canSend("orders.open")).isTrue();
        assertThat(sut.permissions().toJson()).containsEntry("import", java.util.Map.of("allow", List.of("orders.>")));
    }

    @Test
    void flagsWinOverTheFile() throws IOException {
        Path conf = file("cluster { name: blue, listen: 127.0.0.1:6334, routes: [nats://127.0.0.1:7000] }");
        ClusterOptions sut = ClusterOptions.read(ServerOptions.load("-c", conf.toString(),
                "--cluster", "nats://u:p@0.0.0.0:-1", "--cluster_name", "green",
                "--routes", "nats://127.0.0.1:7001, nats://127.0.0.1:7002", "--no_advertise=true",
                "--connect_retries", "5", "--cluster_advertise", "example.com:7777"));
        assertThat(sut.name()).isEqualTo("green");
        assertThat(sut.host()).isEqualTo("0.0.0.0");
        assertThat(sut.port()).isEqualTo(-1);
        assertThat(sut.username()).isEqualTo("u");
        assertThat(sut.password()).isEqualTo("p");
        assertThat(sut.routes()).extracting(LinkUrl::port).containsExactly(7001, 7002);
        assertThat(sut.noAdvertise()).isTrue();
        assertThat(sut.connectRetries()).isEqualTo(5);
        assertThat(sut.advertise()).isEqualTo("example.com:7777");
    }

    @Test
    void refusesWhatNatsServerRefuses() {
        assertThatThrownBy(() -> read("cluster { port: 6222, colour: red }"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unknown field \"colour\"");
        assertThatThrownBy(() -> read("cluster { port: 6222, authorization { token: abc } }"))
                .hasMessageContaining("Cluster authorization does not support tokens");
        assertThatThrownBy(() -> read("cluster { port: 6222, permissions { allow_responses: true } }"))
                .hasMessageContaining("Cluster permissions do not support dynamic responses");
        assertThatThrownBy(() -> ClusterOptions.read(ServerOptions.load("--cluster", "nats://user@127.0.0.1:6222")))
                .hasMessageContaining("expected cluster password to be set");
    }

    private ClusterOptions read(String conf) throws IOException {
        return ClusterOptions.read(ServerOptions.load("-c", file(conf).toString()));
    }

    private Path file(String conf) throws IOException {
        Path file = dir.resolve("test.conf");
        Files.writeString(file, conf);
        return file;
    }
}
