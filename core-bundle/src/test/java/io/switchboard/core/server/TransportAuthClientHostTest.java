package io.switchboard.core.server;

import io.switchboard.core.auth.ClientCredentials;
import io.switchboard.core.client.ClientHost;
import io.switchboard.core.config.ServerOptions;
import io.switchboard.core.spi.auth.AuthDecision;
import io.switchboard.core.spi.transport.ClientAuthContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TransportAuthClientHostTest {

    private final NatsServer server = new NatsServer(ServerOptions.defaults(), () -> { }, options -> { });

    @AfterEach
    void shutdown() {
        server.shutdown();
    }

    private static ClientAuthContext auth(String user, String pass, String token, Duration timeout) {
        return new ClientAuthContext(user, pass, token, "", timeout, "");
    }

    @Test
    void withoutTransportCredentialsTheServerDecides() {
        assertThat(TransportAuthClientHost.of(server, null)).isSameAs(server);
        assertThat(TransportAuthClientHost.of(server, auth("", "", "", Duration.ZERO))).isSameAs(server);
    }

    @Test
    void transportTokenReplacesTheServersAuth() {
        ClientHost sut = TransportAuthClientHost.of(server, auth("", "", "t0ken", Duration.ofSeconds(5)));
        assertThat(sut.authRequired()).isTrue();
        assertThat(admits(sut, null, null, "t0ken")).isTrue();
        assertThat(admits(sut, null, null, "wrong")).isFalse();
        assertThat(admits(sut, null, null, null)).isFalse();
        assertThat(sut.limits().authTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void transportUserNeedsItsPassword() {
        ClientHost sut = TransportAuthClientHost.of(server, auth("alice", "s3cret", "", Duration.ZERO));
        assertThat(admits(sut, "alice", "s3cret", null)).isTrue();
        assertThat(admits(sut, "alice", "nope", null)).isFalse();
        assertThat(sut.limits().authTimeout()).isEqualTo(server.limits().authTimeout());
    }

    private static boolean admits(ClientHost host, String user, String pass, String token) {
        return host.authenticate(new ClientCredentials(user, pass, token, null, null, null, null, List.of(), null,
                "websocket", "")).join() instanceof AuthDecision.Allow;
    }

    @Test
    void infoSaysAuthRequiredWhereNatsServerPutsIt() {
        ClientHost sut = TransportAuthClientHost.of(server, auth("", "", "t0ken", Duration.ZERO));
        List<String> keys = List.copyOf(sut.infoFields().keySet());
        assertThat(keys.indexOf("auth_required")).isEqualTo(keys.indexOf("max_payload") - 1);
        assertThat(sut.infoFields().get("auth_required")).isEqualTo(true);
    }
}
