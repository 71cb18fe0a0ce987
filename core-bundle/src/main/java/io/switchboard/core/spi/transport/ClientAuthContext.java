package io.switchboard.core.spi.transport;

import io.netty.util.AttributeKey;

import java.time.Duration;
import java.util.Objects;

/**
 * How a client that came through a transport authenticates, where that differs from a plain TCP
 * client: the transport's own credentials that replace the server-wide ones (nats-server's
 * {@code authorization} and {@code no_auth_user} inside a {@code websocket} block) and what the
 * client presented before the NATS protocol started (a JWT in a cookie of the WebSocket
 * handshake). A transport sets it as the channel attribute {@link #KEY} before it calls
 * {@link TransportHost#initClientChannel}; a channel without it authenticates as a TCP client.
 *
 * @param username the user that replaces the server-wide single user; empty for none
 * @param password that user's password
 * @param token the token that replaces the server-wide token; empty for none
 * @param noAuthUser the configured user a client that sends no credentials is taken as; empty for none
 * @param authTimeout how long the client has to authenticate; zero for the server-wide timeout
 * @param cookieJwt the user JWT the client presented in the handshake, used when CONNECT carries
 *     no {@code jwt}; empty for none
 */
public record ClientAuthContext(String username, String password, String token, String noAuthUser,
                                Duration authTimeout, String cookieJwt) {

    /** The channel attribute holding the context. */
    public static final AttributeKey<ClientAuthContext> KEY =
            AttributeKey.valueOf(ClientAuthContext.class, "clientAuthContext");

    public ClientAuthContext {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(noAuthUser, "noAuthUser");
        Objects.requireNonNull(authTimeout, "authTimeout");
        Objects.requireNonNull(cookieJwt, "cookieJwt");
    }

    /**
     * Whether the transport's settings replace the server-wide user, password, token and
     * no_auth_user, as any of them set in nats-server's websocket block does; clients then must
     * authenticate even when the server-wide configuration asks nothing of TCP clients.
     */
    public boolean overridesServerAuth() {
        return !username.isEmpty() || !token.isEmpty() || !noAuthUser.isEmpty();
    }
}
