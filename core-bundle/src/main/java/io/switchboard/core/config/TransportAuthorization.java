package io.switchboard.core.config;

import java.time.Duration;
import java.util.Locale;

/**
 * A transport's own authorization, as the {@code websocket} and {@code mqtt} blocks of nats-server
 * carry it: one user or token that stands in for the server-wide single user for that transport's
 * clients, the time they have to authenticate, and the user taken when a client gives none.
 *
 * @param username   the transport's single user; empty for none
 * @param password   that user's password
 * @param token      the transport's token; empty for none
 * @param timeout    the time to authenticate; zero for the server's
 * @param noAuthUser the user a client without credentials is; empty for none
 */
public record TransportAuthorization(String username, String password, String token, Duration timeout,
                                     String noAuthUser) {

    public static final TransportAuthorization NONE = new TransportAuthorization("", "", "", Duration.ZERO, "");

    /** This, with the keys of the transport's {@code authorization} block. */
    public TransportAuthorization withBlock(ConfigTree authorization) {
        TransportAuthorization read = this;
        for (ConfigTree.Entry entry : authorization.entries()) {
            read = switch (entry.key().toLowerCase(Locale.ROOT)) {
                case "user", "username" ->
                        read.with(BlockReader.string(entry), read.password, read.token, read.timeout);
                case "pass", "password" ->
                        read.with(read.username, BlockReader.string(entry), read.token, read.timeout);
                case "token" -> read.with(read.username, read.password, BlockReader.string(entry), read.timeout);
                case "timeout" -> read.with(read.username, read.password, read.token, BlockReader.seconds(entry));
                default -> {
                    BlockReader.rejectUnknown(entry);
                    yield read;
                }
            };
        }
        return read;
    }

    public TransportAuthorization withNoAuthUser(String user) {
        return new TransportAuthorization(username, password, token, timeout, user);
    }

    /**
     * Refuses what nats-server refuses: a {@code no_auth_user} that is not a configured user, and a
     * transport's own user or token beside the server's users or nkeys. {@code transport} names the
     * block in the messages, {@code at} is where the block is.
     */
    public void check(ServerOptions options, String transport, Position at) {
        if (!noAuthUser.isEmpty()) {
            ConfiguredUsers.checkNoAuthUser(options, noAuthUser, at);
        }
        if (ConfiguredUsers.any(options)) {
            if (!username.isEmpty()) {
                throw new ConfigException(at,
                        transport + " authentication username not compatible with presence of users/nkeys");
            }
            if (!token.isEmpty()) {
                throw new ConfigException(at,
                        transport + " authentication token not compatible with presence of users/nkeys");
            }
        }
    }

    private TransportAuthorization with(String user, String pass, String secret, Duration limit) {
        return new TransportAuthorization(user, pass, secret, limit, noAuthUser);
    }
}
