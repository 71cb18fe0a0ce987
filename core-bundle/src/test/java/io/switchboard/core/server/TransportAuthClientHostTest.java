package io.switchboard.core.server;

import io.switchboard.core.client.ClientHost;
import io.switchboard.core.config.ServerOptions;
import io.switchboard.core.spi.transport.ClientAuthContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TransportAuthClientHostTest {

    private final NatsServer server = new NatsServer(ServerOptions.defaults(), () -> { });

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
        assertThat(sut.authenticate(null, null, "t0ken")).isNotNull();
        assertThat(sut.authenticate(null, null, "wrong")).isNull();
        assertThat(sut.authenticate(null, null, null)).isNull();
        assertThat(sut.limits().authTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void transportUserNeedsItsPassword() {
        ClientHost sut = TransportAuthClientHost.of(server, auth("alice", "s3cret", "", Duration.ZERO));
        assertThat(sut.authenticate("alice", "s3cret", null)).isNotNull();
        assertThat(sut.authenticate("alice", "nope", null)).isNull();
        assertThat(sut.limits().authTimeout()).isEqualTo(server.limits().authTimeout());
    }

    @Test
    void infoSaysAuthRequiredWhereNatsServerPutsIt() {
        ClientHost sut = TransportAuthClientHost.of(server, auth("", "", "t0ken", Duration.ZERO));
        List<String> keys = List.copyOf(sut.infoFields().keySet());
        assertThat(keys.indexOf("auth_required")).isEqualTo(keys.indexOf("max_payload") - 1);
        assertThat(sut.infoFields().get("auth_required")).isEqualTo(true);
    }
}
