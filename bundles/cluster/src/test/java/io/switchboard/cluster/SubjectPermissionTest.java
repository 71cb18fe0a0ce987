package io.switchboard.cluster;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SubjectPermissionTest {

    @Test
    void allowedUnlessDenied() {
        SubjectPermission sut = new SubjectPermission(List.of("orders.>", "news.*"), List.of("orders.secret.>"));
        assertThat(sut.permits("orders.new")).isTrue();
        assertThat(sut.permits("orders.a.b")).isTrue();
        assertThat(sut.permits("news.today")).isTrue();
        assertThat(sut.permits("news.today.late")).isFalse();
        assertThat(sut.permits("orders.secret.x")).isFalse();
        assertThat(sut.permits("orders")).isFalse();
    }

    @Test
    void wildcardsInTheSubjectAreTakenLiterally() {
        SubjectPermission sut = new SubjectPermission(List.of("foo.*"), List.of());
        assertThat(sut.permits("foo.*")).isTrue();
        // as in nats-server 2.9: the pattern's wildcard covers the token ">" like any other
        assertThat(sut.permits("foo.>")).isTrue();
        assertThat(sut.permits("foo.>.x")).isFalse();
        assertThat(new SubjectPermission(List.of("foo.bar"), List.of()).permits("foo.*")).isFalse();
    }

    @Test
    void noAllowListAllowsEverythingNotDenied() {
        SubjectPermission sut = new SubjectPermission(List.of(), List.of("secret"));
        assertThat(sut.permits("anything.at.all")).isTrue();
        assertThat(sut.permits("secret")).isFalse();
    }
}
