package io.switchboard.core.spi.auth;

/**
 * Limits of one admitted client beyond the server's own, as a NATS user JWT sets them: how
 * many subscriptions it may hold and how large a message it may publish. A negative value
 * sets no limit of its own; zero allows none. The server's limits apply as well, the
 * stricter of the two winning.
 *
 * @since 1.1
 */
public record UserLimits(int maxSubscriptions, int maxPayload) {

    /** No limits beyond the server's. */
    public static final UserLimits NONE = new UserLimits(-1, -1);
}
