package io.switchboard.gateway;

import io.switchboard.core.config.ConfigException;
import io.switchboard.core.config.ServerOptions;
import io.switchboard.core.spi.link.LinkUrl;
import io.switchboard.core.spi.transport.TlsSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GatewayOptionsTest {

    @TempDir
    Path dir;

    @Test
    void gatewaysAreOffWithoutTheBlock() {
        assertThat(GatewayOptions.read(ServerOptions.load()).enabled()).isFalse();
    }

    @Test
    void readsTheBlockAsNatsServerDocumentsIt() throws IOException {
        GatewayOptions sut = read("""
                gateway {
                  name: "A"
                  listen: "127.0.0.1:7222"
                  authorization { user: gw, password: "s3cret", timeout: 0.5 }
                  advertise: "10.0.0.1:7222"
                  connect_retries: 3
                  reject_unknown_cluster: true
                  gateways: [
                    { name: "A", url: "nats://127.0.0.1:7222" }
                    { name: "B", urls: ["nats://gw:s3cret@127.0.0.1:7223", "nats://127.0.0.1:7224"] }
                  ]
                }
                """);
        assertThat(sut.enabled()).isTrue();
        assertThat(sut.name()).isEqualTo("A");
        assertThat(sut.host()).isEqualTo("127.0.0.1");
        assertThat(sut.port()).isEqualTo(7222);
        assertThat(sut.username()).isEqualTo("gw");
        assertThat(sut.password()).isEqualTo("s3cret");
        assertThat(sut.authTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(sut.advertise()).isEqualTo("10.0.0.1:7222");
        assertThat(sut.connectRetries()).isEqualTo(3);
        assertThat(sut.rejectUnknown()).isTrue();
        assertThat(sut.gateways()).extracting(GatewayOptions.Remote::name).containsExactly("A", "B");
        assertThat(sut.gateways().get(1).urls()).containsExactly(new LinkUrl("127.0.0.1", 7223, "gw", "s3cret"),
                new LinkUrl("127.0.0.1", 7224, null, null));
    }

    @Test
    void refusesWhatNatsServerRefuses() {
        assertThatThrownBy(() -> read("gateway { port: 7222 }")).hasMessageContaining("gateway has no name");
        assertThatThrownBy(() -> read("gateway { name: A }"))
                .hasMessageContaining("gateway \"A\" has no port specified (select -1 for random port)");
        assertThatThrownBy(() -> read("gateway { name: A, port: -1, gateways: [ {url: \"nats://h:1\"} ] }"))
                .hasMessageContaining("gateway in the list 0 has no name");
        assertThatThrownBy(() -> read("gateway { name: A, port: -1, gateways: [ {name: B} ] }"))
                .hasMessageContaining("gateway \"B\" has no URL");
        assertThatThrownBy(() -> read("gateway { name: A, port: -1, authorization { token: x } }"))
                .hasMessageContaining("Gateway authorization does not support tokens");
        assertThatThrownBy(() -> read("gateway { name: A, port: -1, colour: blue }"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unknown field \"colour\"");
    }

    @Test
    void readsTlsForTheBlockAndForEachRemote() throws IOException {
        GatewayOptions options = read("""
                gateway {
                  name: A, port: -1
                  tls { cert_file: "a.pem", key_file: "a-key.pem", ca_file: "ca.pem", timeout: 3 }
                  gateways: [
                    { name: B, url: "nats://127.0.0.1:7223", tls { cert_file: "b.pem", key_file: "b-key.pem" } }
                    { name: C, url: "nats://127.0.0.1:7224" }
                  ]
                }
                """);
        assertThat(options.tls()).get().satisfies(tls -> {
            assertThat(tls.certFile()).isEqualTo("a.pem");
            assertThat(tls.caFile()).isEqualTo("ca.pem");
            assertThat(tls.timeout()).isEqualTo(Duration.ofSeconds(3));
        });
        assertThat(options.gateways().get(0).tls()).get().extracting(TlsSettings::certFile).isEqualTo("b.pem");
        assertThat(options.gateways().get(1).tls()).isEmpty();
        assertThatThrownBy(() -> read("gateway { name: A, port: -1, tls { cert_file: x } }"))
                .hasMessageContaining("missing 'key_file' in TLS configuration");
    }

    @Test
    void theGatewayIsNamedAfterItsCluster() {
        assertThatThrownBy(() -> read("cluster { name: blue, port: -1 }\ngateway { name: A, port: -1 }"))
                .hasMessageContaining("cluster name conflicts between cluster and gateway definitions");
    }

    private GatewayOptions read(String text) throws IOException {
        Path conf = Files.writeString(dir.resolve("gateway.conf"), text);
        return GatewayOptions.read(ServerOptions.load("-c", conf.toString()));
    }
}
