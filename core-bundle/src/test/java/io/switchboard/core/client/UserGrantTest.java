package io.switchboard.core.client;

import io.switchboard.core.spi.auth.AuthDecision;
import io.switchboard.core.spi.auth.Permissions;
import io.switchboard.core.spi.auth.UserLimits;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class UserGrantTest {

    private static final ClientLimits SERVER = ClientLimits.DEFAULTS;

    @Test
    void theStricterOfUserAndServerLimitsApplies() {
        UserGrant sut = grant(new UserLimits(3, 100), Optional.empty());
        assertThat(sut.maxPayload(SERVER)).isEqualTo(100);
        assertThat(sut.maxSubscriptions(SERVER)).isEqualTo(3);
        ClientLimits tight = new ClientLimits(50, 4096, 1 << 20, 10, 2, Duration.ofMinutes(2), 2,
                Duration.ofSeconds(2), Duration.ofSeconds(10), 0);
        assertThat(sut.maxPayload(tight)).isEqualTo(50);
        assertThat(sut.maxSubscriptions(tight)).isEqualTo(2);
    }

    @Test
    void negativeUserLimitsLeaveTheServersAndZeroAllowsNothing() {
        assertThat(UserGrant.NONE.maxPayload(SERVER)).isEqualTo(SERVER.maxPayload());
        assertThat(UserGrant.NONE.maxSubscriptions(SERVER)).isNegative();
        assertThat(grant(new UserLimits(0, 0), Optional.empty()).maxSubscriptions(SERVER)).isZero();
    }

    @Test
    void expiryIsADelayFromNowAndNeverNegative() {
        Instant now = Instant.parse("2030-01-01T00:00:00Z");
        assertThat(grant(UserLimits.NONE, Optional.of(now.plusSeconds(5))).expiresIn(now)).contains(Duration.ofSeconds(5));
        assertThat(grant(UserLimits.NONE, Optional.of(now.minusSeconds(5))).expiresIn(now)).contains(Duration.ZERO);
        assertThat(UserGrant.NONE.expiresIn(now)).isEmpty();
    }

    private static UserGrant grant(UserLimits limits, Optional<Instant> expires) {
        return UserGrant.of((AuthDecision.Allow) AuthDecision.allow("A", Permissions.ALL, expires, limits));
    }
}
