package io.switchboard.cluster;

import io.switchboard.core.spi.auth.SubjectRules;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RoutePermissionsTest {

    @Test
    void allowedUnlessDenied() {
        RoutePermissions sut = importing(new SubjectRules(List.of("orders.>", "news.*"), List.of("orders.secret.>")));
        assertThat(sut.canImport("orders.new")).isTrue();
        assertThat(sut.canImport("orders.a.b")).isTrue();
        assertThat(sut.canImport("news.today")).isTrue();
        assertThat(sut.canImport("news.today.late")).isFalse();
        assertThat(sut.canImport("orders.secret.x")).isFalse();
        assertThat(sut.canImport("orders")).isFalse();
    }

    @Test
    void wildcardsInTheSubjectAreTokensLikeAnyOther() {
        RoutePermissions sut = importing(new SubjectRules(List.of("foo.*"), List.of()));
        assertThat(sut.canImport("foo.*")).isTrue();
        // as in nats-server 2.9: the pattern's wildcard covers the token ">" like any other
        assertThat(sut.canImport("foo.>")).isTrue();
        assertThat(sut.canImport("foo.>.x")).isFalse();
        assertThat(importing(new SubjectRules(List.of("foo.bar"), List.of())).canImport("foo.*")).isFalse();
    }

    @Test
    void messagesAreHeldBackByDenialsOnly() {
        RoutePermissions sut = new RoutePermissions(SubjectRules.ALL,
                new SubjectRules(List.of("orders.>"), List.of("orders.secret")));
        assertThat(sut.canSend("orders.secret")).isFalse();
        assertThat(sut.canSend("orders.open")).isTrue();
        assertThat(RoutePermissions.NONE.canSend("anything")).isTrue();
        assertThat(RoutePermissions.NONE.toJson()).isEmpty();
    }

    private static RoutePermissions importing(SubjectRules rules) {
        return new RoutePermissions(rules, SubjectRules.ALL);
    }
}
