package io.switchboard.core.spi.transport;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.switchboard.core.config.ConfigException;
import io.switchboard.core.config.ConfigTree;
import io.switchboard.core.config.ConfigValue;
import io.switchboard.core.config.Durations;
import io.switchboard.core.config.Position;

import javax.net.ssl.SSLException;
import java.io.File;
import java.time.Duration;
import java.util.Locale;

/**
 * A {@code tls} block as nats-server reads it for a listener or a link: the certificate and key
 * from PEM files, the CA that signs the peers' certificates, whether a peer must present one,
 * and the handshake timeout. The JDK's TLS engine, TLS 1.2 at least, as nats-server.
 *
 * @param timeout the handshake timeout; nats-server's default is 2 seconds
 */
public record TlsSettings(String certFile, String keyFile, String caFile, boolean verify, Duration timeout,
                          Position position) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

    /** Reads a {@code tls} block; unsupported keys are errors rather than silently ignored. */
    public static TlsSettings read(ConfigTree block) {
        String cert = "";
        String key = "";
        String ca = "";
        boolean verify = false;
        Duration timeout = DEFAULT_TIMEOUT;
        for (ConfigTree.Entry entry : block.entries()) {
            ConfigValue value = entry.value();
            switch (entry.key().toLowerCase(Locale.ROOT)) {
                case "cert_file" -> cert = string(entry);
                case "key_file" -> key = string(entry);
                case "ca_file" -> ca = string(entry);
                case "verify" -> verify = expect(entry, ConfigValue.Kind.BOOLEAN).asBoolean();
                case "timeout" -> {
                    if (!value.is(ConfigValue.Kind.INTEGER) && !value.is(ConfigValue.Kind.FLOAT)) {
                        throw value.mismatch(entry.key(), ConfigValue.Kind.FLOAT);
                    }
                    timeout = Durations.ofSeconds(value.asDouble());
                }
                default -> throw new ConfigException(entry.keyPosition(),
                        "error parsing tls config, unsupported field \"" + entry.key() + "\"");
            }
        }
        if (!cert.isEmpty() && key.isEmpty()) {
            throw new ConfigException(block.position(), "missing 'key_file' in TLS configuration");
        }
        if (cert.isEmpty()) {
            throw new ConfigException(block.position(), "missing 'cert_file' in TLS configuration");
        }
        return new TlsSettings(cert, key, ca, verify, timeout, block.position());
    }

    /** The context for accepted connections; {@code requirePeerCertificate} as links require one whatever verify says. */
    public SslContext serverContext(boolean requirePeerCertificate) {
        return build(SslContextBuilder.forServer(new File(certFile), new File(keyFile)),
                requirePeerCertificate || verify ? ClientAuth.REQUIRE : ClientAuth.NONE);
    }

    /** The context for connections this server opens, presenting its own certificate and checking the peer's. */
    public SslContext clientContext() {
        return build(SslContextBuilder.forClient().keyManager(new File(certFile), new File(keyFile)), ClientAuth.NONE);
    }

    private SslContext build(SslContextBuilder builder, ClientAuth clientAuth) {
        try {
            builder.sslProvider(SslProvider.JDK).protocols("TLSv1.3", "TLSv1.2").clientAuth(clientAuth);
            if (!caFile.isEmpty()) {
                builder.trustManager(new File(caFile));
            }
            return builder.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new ConfigException(position, "error parsing X509 certificate/key pair: " + rootMessage(e));
        }
    }

    private static String string(ConfigTree.Entry entry) {
        return expect(entry, ConfigValue.Kind.STRING).asString();
    }

    private static ConfigValue expect(ConfigTree.Entry entry, ConfigValue.Kind kind) {
        if (!entry.value().is(kind)) {
            throw entry.value().mismatch(entry.key(), kind);
        }
        return entry.value();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
