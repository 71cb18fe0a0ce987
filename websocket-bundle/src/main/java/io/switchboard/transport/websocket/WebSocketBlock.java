package io.switchboard.transport.websocket;

import io.switchboard.core.config.ConfigException;
import io.switchboard.core.config.BlockReader;
import io.switchboard.core.config.ConfigTree;
import io.switchboard.core.config.HostPort;
import io.switchboard.core.config.ServerOptions;
import io.switchboard.core.config.TransportAuthorization;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Reads a {@code websocket} block's keys, with their alternative spellings, and checks the result. */
final class WebSocketBlock {

    private final ConfigTree block;
    private String host = "";
    private int port;
    private boolean noTls;
    private Optional<ConfigTree> tls = Optional.empty();
    private boolean sameOrigin;
    private List<String> allowedOrigins = List.of();
    private boolean compression;
    private Duration handshakeTimeout = Duration.ZERO;
    private TransportAuthorization authorization = TransportAuthorization.NONE;
    private String jwtCookie = "";

    private WebSocketBlock(ConfigTree block) {
        this.block = block;
    }

    static Optional<WebSocketSettings> read(ConfigTree block, ServerOptions options) {
        WebSocketBlock reader = new WebSocketBlock(block);
        block.entries().forEach(reader::apply);
        if (reader.port == 0) {
            return Optional.empty();
        }
        reader.validate(options);
        return Optional.of(new WebSocketSettings(reader.host.isEmpty() ? "0.0.0.0" : reader.host, reader.port,
                reader.tls, reader.sameOrigin, reader.allowedOrigins, reader.compression, reader.handshakeTimeout,
                reader.authorization, reader.jwtCookie));
    }

    private void apply(ConfigTree.Entry entry) {
        switch (entry.key().toLowerCase(Locale.ROOT)) {
            case "listen" -> {
                HostPort listen = HostPort.ofSetting(entry.value(), entry.key());
                host = listen.host();
                port = listen.port();
            }
            case "port" -> port = BlockReader.integer(entry);
            case "host", "net" -> host = BlockReader.string(entry);
            case "advertise" -> BlockReader.string(entry);
            case "no_tls" -> noTls = BlockReader.bool(entry);
            case "tls" -> tls = Optional.of(BlockReader.map(entry));
            case "same_origin" -> sameOrigin = BlockReader.bool(entry);
            case "allowed_origins", "allowed_origin", "allow_origins", "allow_origin", "origins", "origin" ->
                    allowedOrigins = BlockReader.strings(entry);
            case "handshake_timeout" -> handshakeTimeout = BlockReader.duration(entry);
            case "compress", "compression" -> compression = BlockReader.bool(entry);
            case "authorization", "authentication" -> authorization = authorization.withBlock(BlockReader.map(entry));
            case "jwt_cookie" -> jwtCookie = BlockReader.string(entry);
            case "no_auth_user" -> authorization = authorization.withNoAuthUser(BlockReader.string(entry));
            default -> BlockReader.rejectUnknown(entry);
        }
    }

    private void validate(ServerOptions options) {
        if (tls.isEmpty() && !noTls) {
            throw problem("websocket requires TLS configuration");
        }
        for (String origin : allowedOrigins) {
            try {
                new URI(origin);
            } catch (URISyntaxException e) {
                throw problem("unable to parse allowed origin: " + e.getMessage());
            }
        }
        authorization.check(options, "websocket", block.position());
        if (!jwtCookie.isEmpty() && options.raw("operator").isEmpty() && options.raw("trusted").isEmpty()) {
            throw problem("trusted operators or trusted keys configuration is required for JWT authentication"
                    + " via cookie \"" + jwtCookie + "\"");
        }
    }

    private ConfigException problem(String reason) {
        return new ConfigException(block.position(), reason);
    }
}
