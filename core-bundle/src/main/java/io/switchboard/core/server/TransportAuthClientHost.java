package io.switchboard.core.server;

import io.switchboard.core.client.ClientConnection;
import io.switchboard.core.client.ClientHost;
import io.switchboard.core.client.ClientLimits;
import io.switchboard.core.client.ServerStats;
import io.switchboard.core.routing.Account;
import io.switchboard.core.spi.transport.ClientAuthContext;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The server as the clients of a transport with its own credentials see it (nats-server's
 * {@code websocket { authorization {...} }}): those credentials replace the server-wide user,
 * password and token, clients must authenticate, and the transport's timeout applies.
 * Everything else is the server's.
 */
final class TransportAuthClientHost implements ClientHost {

    private final NatsServer server;
    private final ClientAuthContext auth;

    private TransportAuthClientHost(NatsServer server, ClientAuthContext auth) {
        this.server = server;
        this.auth = auth;
    }

    /** The host for a channel's connection: the server itself unless the transport brings a user or token. */
    static ClientHost of(NatsServer server, ClientAuthContext auth) {
        if (auth == null || (auth.username().isEmpty() && auth.token().isEmpty())) {
            return server;
        }
        return new TransportAuthClientHost(server, auth);
    }

    @Override
    public ClientLimits limits() {
        ClientLimits limits = server.limits();
        if (auth.authTimeout().isZero()) {
            return limits;
        }
        return new ClientLimits(limits.maxPayload(), limits.maxControlLine(), limits.maxPending(),
                limits.maxConnections(), limits.maxSubscriptions(), limits.pingInterval(), limits.maxPingsOut(),
                auth.authTimeout(), limits.writeDeadline());
    }

    @Override
    public ServerStats stats() {
        return server.stats();
    }

    @Override
    public long nextClientId() {
        return server.nextClientId();
    }

    /** The server's INFO with {@code auth_required} where nats-server puts it, before {@code max_payload}. */
    @Override
    public Map<String, Object> infoFields() {
        Map<String, Object> info = new LinkedHashMap<>();
        server.infoFields().forEach((key, value) -> {
            if ("max_payload".equals(key)) {
                info.put("auth_required", true);
            }
            info.put(key, value);
        });
        info.putIfAbsent("auth_required", true);
        return info;
    }

    @Override
    public boolean register(ClientConnection connection) {
        return server.register(connection);
    }

    @Override
    public void unregister(ClientConnection connection) {
        server.unregister(connection);
    }

    @Override
    public boolean authRequired() {
        return true;
    }

    @Override
    public Account authenticate(String user, String pass, String token) {
        boolean admitted = auth.token().isEmpty()
                ? NatsServer.constantTimeEquals(auth.username(), user) && NatsServer.constantTimeEquals(auth.password(), pass)
                : NatsServer.constantTimeEquals(auth.token(), token);
        return admitted ? server.globalAccount() : null;
    }
}
