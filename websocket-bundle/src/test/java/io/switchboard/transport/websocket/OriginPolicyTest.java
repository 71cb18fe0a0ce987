package io.switchboard.transport.websocket;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OriginPolicyTest {

    @Test
    void anyOriginWhenNothingIsConfigured() {
        OriginPolicy sut = new OriginPolicy(false, List.of());
        assertThat(sut.reject("http://evil.example", "localhost:8080", false)).isNull();
    }

    @Test
    void noOriginHeaderIsAlwaysAllowed() {
        OriginPolicy sut = new OriginPolicy(true, List.of("https://app.example"));
        assertThat(sut.reject(null, "localhost:8080", false)).isNull();
    }

    @Test
    void sameOriginComparesHostAndPortWithSchemeDefaults() {
        OriginPolicy sut = new OriginPolicy(true, List.of());
        assertThat(sut.reject("http://LocalHost:8080", "localhost:8080", false)).isNull();
        assertThat(sut.reject("http://localhost", "localhost:80", false)).isNull();
        assertThat(sut.reject("https://localhost", "localhost", true)).isNull();
        assertThat(sut.reject("http://other:8080", "localhost:8080", false)).isEqualTo("not same origin");
        assertThat(sut.reject("http://localhost:9090", "localhost:8080", false)).isEqualTo("not same origin");
    }

    @Test
    void allowedListNeedsSchemeHostAndPort() {
        OriginPolicy sut = new OriginPolicy(false, List.of("https://app.example", "http://dev.example:3000"));
        assertThat(sut.reject("https://app.example", "ws.example", false)).isNull();
        assertThat(sut.reject("https://app.example:443", "ws.example", false)).isNull();
        assertThat(sut.reject("http://app.example", "ws.example", false)).isEqualTo("not in the allowed list");
        assertThat(sut.reject("http://dev.example:3000", "ws.example", false)).isNull();
        assertThat(sut.reject("http://dev.example:3001", "ws.example", false)).isEqualTo("not in the allowed list");
        assertThat(sut.reject("http://evil.example", "ws.example", false)).isEqualTo("not in the allowed list");
    }
}
