package io.switchboard.core.spi.auth;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** An authenticator's answer: exactly one of allow, deny, or pass to the next authenticator. */
public sealed interface AuthDecision {

    /** Admit the client into {@code account} (null for the global account) with {@code permissions}. */
    static AuthDecision allow(String account, Permissions permissions) {
        return new Allow(account, permissions);
    }

    /**
     * Admit the client as {@link #allow(String, Permissions)} does, until {@code expires} (the
     * server then closes the connection) and within {@code limits}. An account the server does
     * not know yet is created.
     *
     * @since 1.1
     */
    static AuthDecision allow(String account, Permissions permissions, Optional<Instant> expires, UserLimits limits) {
        return new Allow(account, permissions, expires, limits);
    }

    /** Refuse the client; {@code reason} goes to the server log, never to the client. */
    static AuthDecision deny(String reason) {
        return new Deny(reason);
    }

    /** Not this authenticator's client: ask the next one. */
    static AuthDecision next() {
        return Next.INSTANCE;
    }

    /**
     * Admit the client as {@link #allow(String, Permissions, Optional, UserLimits)} does, into an
     * account with {@code settings}, which the server applies to the account from then on.
     *
     * @since 1.3
     */
    static AuthDecision allow(String account, Permissions permissions, Optional<Instant> expires, UserLimits limits,
                              AccountSettings settings) {
        return new Allow(account, permissions, expires, limits, settings);
    }

    record Allow(String account, Permissions permissions, Optional<Instant> expires, UserLimits limits,
                 AccountSettings settings) implements AuthDecision {
        public Allow {
            Objects.requireNonNull(permissions, "permissions");
            Objects.requireNonNull(expires, "expires");
            Objects.requireNonNull(limits, "limits");
            Objects.requireNonNull(settings, "settings");
        }

        /** Admission that says nothing about the account. */
        public Allow(String account, Permissions permissions, Optional<Instant> expires, UserLimits limits) {
            this(account, permissions, expires, limits, AccountSettings.NONE);
        }

        /** Admission without expiry or limits of its own. */
        public Allow(String account, Permissions permissions) {
            this(account, permissions, Optional.empty(), UserLimits.NONE);
        }
    }

    record Deny(String reason) implements AuthDecision {
    }

    enum Next implements AuthDecision {
        INSTANCE
    }
}
