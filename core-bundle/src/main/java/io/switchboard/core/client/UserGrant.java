package io.switchboard.core.client;

import io.switchboard.core.spi.auth.AuthDecision;
import io.switchboard.core.spi.auth.UserLimits;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What an admission gave a client beside its permissions: limits of its own, which tighten the
 * server's as nats-server's user JWT limits do, and the moment its authentication expires.
 */
record UserGrant(UserLimits limits, Optional<Instant> expires) {

    static final UserGrant NONE = new UserGrant(UserLimits.NONE, Optional.empty());

    static UserGrant of(AuthDecision.Allow allow) {
        return new UserGrant(allow.limits(), allow.expires());
    }

    /** The largest payload the client may publish: the server's, or the user's when smaller. */
    int maxPayload(ClientLimits server) {
        int own = limits.maxPayload();
        return own < 0 ? server.maxPayload() : Math.min(own, server.maxPayload());
    }

    /** How many subscriptions the client may hold; negative for no limit (the server's 0 means none). */
    int maxSubscriptions(ClientLimits server) {
        int own = limits.maxSubscriptions();
        int theirs = server.maxSubscriptions() > 0 ? server.maxSubscriptions() : -1;
        return own < 0 ? theirs : theirs < 0 ? own : Math.min(own, theirs);
    }

    /** How long until the authentication expires, none when it does not; never negative. */
    Optional<Duration> expiresIn(Instant now) {
        return expires.map(at -> now.isBefore(at) ? Duration.between(now, at) : Duration.ZERO);
    }
}
