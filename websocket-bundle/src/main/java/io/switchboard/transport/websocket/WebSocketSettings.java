package io.switchboard.transport.websocket;

import io.switchboard.core.config.ConfigException;
import io.switchboard.core.config.ConfigTree;
import io.switchboard.core.config.ServerOptions;
import io.switchboard.core.config.TransportAuthorization;
import io.switchboard.core.spi.transport.ClientAuthContext;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * nats-server's {@code websocket} block (also spelled {@code ws}), as nats-server 2.9 reads it.
 *
 * @param host listen host, {@code 0.0.0.0} by default
 * @param port listen port; -1 picks a free one
 * @param tls the {@code tls} block, absent for plain {@code ws://}
 * @param sameOrigin whether a browser's Origin must match the request's Host
 * @param allowedOrigins origins a browser may connect from; empty allows any
 * @param compression whether permessage-deflate is offered to clients that ask for it
 * @param handshakeTimeout time allowed for the TLS and HTTP handshake; zero for no limit
 * @param authorization the user or token that replaces the server-wide one for websocket clients, their
 *                      time to authenticate and the user a client without credentials is taken as
 * @param jwtCookie the name of the handshake cookie that carries a user JWT; empty for none
 */
record WebSocketSettings(String host, int port, Optional<ConfigTree> tls, boolean sameOrigin,
                         List<String> allowedOrigins, boolean compression, Duration handshakeTimeout,
                         TransportAuthorization authorization, String jwtCookie) {

    static final String BLOCK = "websocket";

    WebSocketSettings {
        allowedOrigins = List.copyOf(allowedOrigins);
    }

    /**
     * The websocket settings of a configuration, absent when it has no websocket block or the
     * block sets no port (nats-server then runs no websocket listener and checks nothing else).
     *
     * @throws ConfigException for a setting nats-server refuses
     */
    static Optional<WebSocketSettings> of(ServerOptions options) {
        return options.block(BLOCK).flatMap(block -> WebSocketBlock.read(block, options));
    }

    /** The authentication the core applies to this listener's clients, with the handshake's cookie JWT. */
    ClientAuthContext authContext(String cookieJwt) {
        return new ClientAuthContext(authorization.username(), authorization.password(), authorization.token(),
                authorization.noAuthUser(), authorization.timeout(), cookieJwt);
    }

    String scheme() {
        return tls.isPresent() ? "wss" : "ws";
    }
}
