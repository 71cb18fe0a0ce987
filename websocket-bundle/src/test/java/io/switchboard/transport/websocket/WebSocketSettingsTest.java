package io.switchboard.transport.websocket;

import io.switchboard.core.config.ConfigException;
import io.switchboard.core.config.ServerOptions;
import io.switchboard.core.spi.transport.TlsSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebSocketSettingsTest {

    @TempDir
    Path dir;

    private Optional<WebSocketSettings> read(String conf) throws IOException {
        Path file = dir.resolve("ws.conf");
        Files.writeString(file, conf);
        return WebSocketSettings.of(ServerOptions.load("-c", file.toString()));
    }

    @Test
    void noBlockOrNoPortMeansNoListener() throws IOException {
        assertThat(read("port: 4222")).isEmpty();
        assertThat(read("websocket { no_tls: true }")).isEmpty();
        assertThat(read("websocket { host: 127.0.0.1 }")).isEmpty();
    }

    @Test
    void readsEverySettingWithItsSpellings() throws IOException {
        WebSocketSettings sut = read("""
                ws {
                  listen: "127.0.0.1:-1"
                  no_tls: true
                  same_origin: true
                  origins: ["https://a.example", "http://b.example:3000"]
                  compress: true
                  handshake_timeout: "3s"
                  authentication { username: alice, password: s3cret, timeout: 1.5 }
                }
                """).orElseThrow();
        assertThat(sut.host()).isEqualTo("127.0.0.1");
        assertThat(sut.port()).isEqualTo(-1);
        assertThat(sut.tls()).isEmpty();
        assertThat(sut.sameOrigin()).isTrue();
        assertThat(sut.allowedOrigins()).containsExactly("https://a.example", "http://b.example:3000");
        assertThat(sut.compression()).isTrue();
        assertThat(sut.handshakeTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(sut.authorization().username()).isEqualTo("alice");
        assertThat(sut.authorization().password()).isEqualTo("s3cret");
        assertThat(sut.authorization().timeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(sut.scheme()).isEqualTo("ws");
    }

    @Test
    void defaultsAsNatsServer() throws IOException {
        WebSocketSettings sut = read("websocket { port: 8080, no_tls: true, allowed_origin: \"https://a.example\" }")
                .orElseThrow();
        assertThat(sut.host()).isEqualTo("0.0.0.0");
        assertThat(sut.allowedOrigins()).isEqualTo(List.of("https://a.example"));
        assertThat(sut.handshakeTimeout()).isZero();
        assertThat(sut.compression()).isFalse();
    }

    @Test
    void handshakeTimeoutMayBeWholeSeconds() throws IOException {
        assertThat(read("websocket { port: 8080, no_tls: true, handshake_timeout: 2 }").orElseThrow().handshakeTimeout())
                .isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void tlsIsRequiredUnlessNoTls() {
        assertThatThrownBy(() -> read("websocket {\n  port: 8080\n}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith("ws.conf:1:11: websocket requires TLS configuration");
    }

    @Test
    void unknownFieldsAndWrongTypesAreErrors() {
        assertThatThrownBy(() -> read("websocket { port: 8080, no_tls: true, bogus: 1 }"))
                .hasMessageContaining("unknown field \"bogus\"");
        assertThatThrownBy(() -> read("websocket { port: \"8080\", no_tls: true }"))
                .hasMessageContaining("port: expected an integer");
        assertThatThrownBy(() -> read("websocket { port: 8080, no_tls: true, authorization { nope: 1 } }"))
                .hasMessageContaining("unknown field \"nope\"");
    }

    @Test
    void noAuthUserMustBeAConfiguredUser() throws IOException {
        assertThatThrownBy(() -> read("websocket { port: 8080, no_tls: true, no_auth_user: bob }"))
                .hasMessageContaining("no_auth_user: \"bob\" present, but users are not defined");
        assertThatThrownBy(() -> read("""
                authorization { users: [ { user: alice, password: a } ] }
                websocket { port: 8080, no_tls: true, no_auth_user: bob }
                """)).hasMessageContaining(
                "no_auth_user: \"bob\" not present as user in authorization block or account configuration");
        assertThat(read("""
                accounts { A { users: [ { user: bob, password: b } ] } }
                websocket { port: 8080, no_tls: true, no_auth_user: bob }
                """).orElseThrow().authContext("").noAuthUser()).isEqualTo("bob");
    }

    @Test
    void usernameOrTokenCannotReplaceAUsersList() {
        assertThatThrownBy(() -> read("""
                authorization { users: [ { user: alice, password: a } ] }
                websocket { port: 8080, no_tls: true, authorization { token: t } }
                """)).hasMessageContaining(
                "websocket authentication token not compatible with presence of users/nkeys");
    }

    @Test
    void jwtCookieNeedsTrustedOperatorsOrKeys() {
        assertThatThrownBy(() -> read("websocket { port: 8080, no_tls: true, jwt_cookie: my_jwt }"))
                .hasMessageContaining("trusted operators or trusted keys configuration is required for JWT"
                        + " authentication via cookie \"my_jwt\"");
    }

    @Test
    void jwtCookieAndNoAuthUserAreCarriedForTheCore() throws IOException {
        WebSocketSettings sut = read("""
                trusted: ["ADQ5J3PU6ZMAHLB5GRMMNNTPY4VDHW3NNFVJBIPPCMPG3A4HPQJYD5ND"]
                websocket { port: 8080, no_tls: true, jwt_cookie: my_jwt }
                """).orElseThrow();
        assertThat(sut.authContext("eyJ0eXAi").cookieJwt()).isEqualTo("eyJ0eXAi");
        assertThat(sut.authContext("").overridesServerAuth()).isFalse();
    }

    @Test
    void tlsBlockNeedsCertificateAndKey() throws IOException {
        WebSocketSettings sut = read("websocket { port: 8080, tls { cert_file: \"/nonexistent/cert.pem\" } }")
                .orElseThrow();
        assertThat(sut.scheme()).isEqualTo("wss");
        assertThatThrownBy(() -> TlsSettings.read(sut.tls().orElseThrow()).serverContext(false))
                .hasMessageContaining("missing 'key_file' in TLS configuration");
    }
}
