package io.switchboard.core.spi.auth;

import java.util.Objects;

/** An authenticator's answer: exactly one of allow, deny, or pass to the next authenticator. */
public sealed interface AuthDecision {

    /** Admit the client into {@code account} (null for the global account) with {@code permissions}. */
    static AuthDecision allow(String account, Permissions permissions) {
        return new Allow(account, permissions);
    }

    /** Refuse the client; {@code reason} goes to the server log, never to the client. */
    static AuthDecision deny(String reason) {
        return new Deny(reason);
    }

    /** Not this authenticator's client: ask the next one. */
    static AuthDecision next() {
        return Next.INSTANCE;
    }

    record Allow(String account, Permissions permissions) implements AuthDecision {
        public Allow {
            Objects.requireNonNull(permissions, "permissions");
        }
    }

    record Deny(String reason) implements AuthDecision {
    }

    enum Next implements AuthDecision {
        INSTANCE
    }
}
