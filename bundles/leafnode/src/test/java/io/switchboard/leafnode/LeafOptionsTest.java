package io.switchboard.leafnode;

import io.switchboard.core.config.ConfigException;
import io.switchboard.core.config.ServerOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LeafOptionsTest {

    @TempDir
    Path dir;

    @Test
    void leafNodesAreOffWithoutTheBlock() {
        assertThat(LeafOptions.read(ServerOptions.load()).enabled()).isFalse();
    }

    @Test
    void readsTheAcceptingSideAsNatsServerWritesIt() throws IOException {
        LeafOptions sut = read("""
                leafnodes {
                  listen: 127.0.0.1:7422
                  advertise: "edge.example.com:7422"
                  no_advertise: true
                  reconnect: 5
                  authorization {
                    timeout: 0.5
                    account: SITE
                    users: [ { user: a, password: pa }, { user: b, password: pb, account: OTHER } ]
                  }
                }
                accounts { SITE: {}, OTHER: {} }
                """);
        assertThat(sut.accepts()).isTrue();
        assertThat(sut.host()).isEqualTo("127.0.0.1");
        assertThat(sut.port()).isEqualTo(7422);
        assertThat(sut.advertise()).isEqualTo("edge.example.com:7422");
        assertThat(sut.noAdvertise()).isTrue();
        assertThat(sut.reconnect()).isEqualTo(Duration.ofSeconds(5));
        assertThat(sut.authTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(sut.authRequired()).isTrue();
        assertThat(sut.users()).containsExactly(new LeafOptions.LeafUser("a", "pa", "SITE"),
                new LeafOptions.LeafUser("b", "pb", "OTHER"));
    }

    @Test
    void readsRemotesWithOneUrlOrSeveral() throws IOException {
        LeafOptions sut = read("""
                leafnodes {
                  remotes: [
                    { url: "nats-leaf://u:p@hub1:7422", account: SITE, credentials: "/etc/leaf.creds",
                      deny_imports: "private.>", deny_exports: ["secret", "internal.>"] }
                    { urls: [ "nats://hub2", "nats-leaf://hub3:7500" ], no_randomize: true }
                  ]
                }
                """);
        assertThat(sut.accepts()).isFalse();
        assertThat(sut.enabled()).isTrue();
        LeafOptions.Remote first = sut.remotes().get(0);
        assertThat(first.urls()).containsExactly(URI.create("nats-leaf://u:p@hub1:7422"));
        assertThat(first.account()).isEqualTo("SITE");
        assertThat(first.credentials()).isEqualTo("/etc/leaf.creds");
        assertThat(first.denyImports()).containsExactly("private.>");
        assertThat(first.denyExports()).containsExactly("secret", "internal.>");
        LeafOptions.Remote second = sut.remotes().get(1);
        assertThat(second.account()).isEqualTo("$G");
        assertThat(second.noRandomize()).isTrue();
        assertThat(new RemoteLeaf(second).nextUrl().hostPort()).isEqualTo("hub2:" + RemoteLeaf.DEFAULT_PORT);
    }

    @Test
    void refusesWhatItCannotDo() {
        assertThatThrownBy(() -> read("leafnodes { remotes: [ { url: \"http://hub:80\" } ] }"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("scheme \"http\" is not supported");
        assertThatThrownBy(() -> read("leafnodes { remotes: [ { url: \"tls://hub:7422\" } ] }"))
                .hasMessageContaining("tls:// or wss:// url needs a tls block");
        assertThatThrownBy(() -> read("leafnodes { remotes: [ { url: \"wss://hub\" } ] }"))
                .hasMessageContaining("tls:// or wss:// url needs a tls block");
        assertThatThrownBy(() -> read("leafnodes { remotes: [ { urls: [\"ws://hub1\", \"nats://hub2\"] } ] }"))
                .hasMessageContaining("a mix of websocket and non-websocket urls");
        assertThatThrownBy(() -> read("leafnodes { remotes: [ { url: \"ws://hub\", ws_no_masking: true } ] }"))
                .hasMessageContaining("remote setting \"ws_no_masking\" is not supported");
        assertThatThrownBy(() -> read("leafnodes { remotes: [ { account: A } ] }"))
                .hasMessageContaining("remote leafnode has no url");
        assertThatThrownBy(() -> read("leafnodes { port: 7422, colour: blue }"))
                .hasMessageContaining("unknown field \"colour\"");
        assertThatThrownBy(() -> read("""
                leafnodes { port: 7422, authorization { user: a, password: b, users: [ { user: c } ] } }
                """)).hasMessageContaining("can not have a single user/pass and a users array");
    }

    @Test
    void readsWebSocketRemotesWithTheirDefaultPorts() throws IOException {
        LeafOptions.Remote remote = read("""
                leafnodes { remotes: [ { url: "ws://hub", ws_compression: true } ] }
                """).remotes().get(0);
        assertThat(remote.wsCompression()).isTrue();
        RemoteLeaf sut = new RemoteLeaf(remote);
        assertThat(sut.webSocket()).isTrue();
        assertThat(sut.nextUrl().hostPort()).isEqualTo("hub:80");
        sut.learned(List.of("10.0.0.2:7422"));
        assertThat(sut.nextUrl().hostPort()).as("a leaf node port is no WebSocket port").isEqualTo("hub:80");
    }

    @Test
    void urlsTheHubAnnouncesAreTriedBeforeTheConfiguredOneWithItsCredentials() throws IOException {
        LeafOptions.Remote remote = read("leafnodes { remotes: [ { url: \"nats-leaf://u:p@hub1:7422\" } ] }")
                .remotes().get(0);
        RemoteLeaf sut = new RemoteLeaf(remote);
        sut.learned(List.of("10.0.0.2:7422", "hub1:7422"));
        assertThat(sut.nextUrl()).satisfies(url -> {
            assertThat(url.hostPort()).isEqualTo("10.0.0.2:7422");
            assertThat(url.user()).isEqualTo("u");
        });
        assertThat(sut.nextUrl().hostPort()).isEqualTo("hub1:7422");
        assertThat(sut.nextUrl().hostPort()).isEqualTo("10.0.0.2:7422");
        sut.delay(Duration.ofSeconds(30));
        assertThat(sut.takeDelay(Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(30));
        assertThat(sut.takeDelay(Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(1));
    }

    private LeafOptions read(String config) throws IOException {
        Path file = Files.writeString(dir.resolve("leaf.conf"), config);
        return LeafOptions.read(ServerOptions.load("-c", file.toString()));
    }
}
