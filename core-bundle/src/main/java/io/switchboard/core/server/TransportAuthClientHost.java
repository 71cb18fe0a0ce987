package io.switchboard.core.server;

import io.switchboard.core.auth.Secrets;
import io.switchboard.core.client.ClientConnection;
import io.switchboard.core.client.ClientHost;
import io.switchboard.core.client.ClientLimits;
import io.switchboard.core.client.ServerStats;
import io.switchboard.core.routing.Account;
import io.switchboard.core.spi.auth.AuthDecision;
import io.switchboard.core.spi.auth.AuthRequest;
import io.switchboard.core.spi.auth.Permissions;
import io.switchboard.core.spi.transport.ClientAuthContext;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The server as the clients of a transport with its own credentials see it (nats-server's
 * {@code websocket { authorization {...}, no_auth_user }}): a user or token there replaces the
 * server-wide ones, a client without credentials is taken as the transport's no_auth_user,
 * clients must authenticate, and the transport's timeout applies. Everything else is the server's.
 */
final class TransportAuthClientHost implements ClientHost {

    private static final String GLOBAL = "$G";

    private final NatsServer server;
    private final ClientAuthContext auth;

    private TransportAuthClientHost(NatsServer server, ClientAuthContext auth) {
        this.server = server;
        this.auth = auth;
    }

    /** The host for a channel's connection: the server itself unless the transport brings its own auth. */
    static ClientHost of(NatsServer server, ClientAuthContext auth) {
        return auth == null || !auth.overridesServerAuth() ? server : new TransportAuthClientHost(server, auth);
    }

    @Override
    public ClientLimits limits() {
        ClientLimits limits = server.limits();
        if (auth.authTimeout().isZero()) {
            return limits;
        }
        return new ClientLimits(limits.maxPayload(), limits.maxControlLine(), limits.maxPending(),
                limits.maxConnections(), limits.maxSubscriptions(), limits.pingInterval(), limits.maxPingsOut(),
                auth.authTimeout(), limits.writeDeadline(), limits.maxTracedMsgLen());
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
        if (!auth.noAuthUser().isEmpty()) {
            return server.infoFields();
        }
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
    public Map<String, Object> clusterInfoFields() {
        return server.clusterInfoFields();
    }

    @Override
    public long clusterInfoVersion() {
        return server.clusterInfoVersion();
    }

    @Override
    public boolean register(ClientConnection connection) {
        return server.register(connection);
    }

    @Override
    public void connected(ClientConnection connection) {
        server.connected(connection);
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
    public boolean nonceRequired() {
        return server.nonceRequired();
    }

    @Override
    public CompletableFuture<AuthDecision> authenticate(AuthRequest request) {
        boolean noCredentials = request.user() == null && request.token() == null
                && request.nkey() == null && request.jwt() == null;
        if (noCredentials && !auth.noAuthUser().isEmpty()) {
            return CompletableFuture.completedFuture(server.authenticateAs(auth.noAuthUser()));
        }
        if (!auth.token().isEmpty()) {
            return decided(Secrets.matches(auth.token(), request.token()));
        }
        if (!auth.username().isEmpty()) {
            return decided(Secrets.equal(auth.username(), request.user())
                    && Secrets.matches(auth.password(), request.password()));
        }
        return server.authenticate(request);
    }

    private static CompletableFuture<AuthDecision> decided(boolean admitted) {
        return CompletableFuture.completedFuture(admitted ? AuthDecision.allow(GLOBAL, Permissions.ALL) : AuthDecision.deny(null));
    }

    @Override
    public Account account(String name) {
        return server.account(name);
    }

    @Override
    public Account admitted(AuthDecision.Allow allow) {
        return server.admitted(allow);
    }
}
