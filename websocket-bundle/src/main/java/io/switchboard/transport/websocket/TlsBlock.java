package io.switchboard.transport.websocket;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.switchboard.core.config.ConfigException;
import io.switchboard.core.config.ConfigTree;

import javax.net.ssl.SSLException;
import java.io.File;
import java.util.Locale;

/**
 * A {@code tls} block for a listener: the server's certificate and key from PEM files, the CA
 * that signs client certificates, and whether clients must present one. The JDK's TLS engine,
 * TLS 1.2 at least, as nats-server.
 */
final class TlsBlock {

    private String certFile = "";
    private String keyFile = "";
    private String caFile = "";
    private boolean verify;

    private TlsBlock() {
    }

    static SslContext serverContext(ConfigTree block) {
        TlsBlock tls = new TlsBlock();
        block.entries().forEach(tls::apply);
        return tls.build(block);
    }

    private void apply(ConfigTree.Entry entry) {
        switch (entry.key().toLowerCase(Locale.ROOT)) {
            case "cert_file" -> certFile = BlockReader.string(entry);
            case "key_file" -> keyFile = BlockReader.string(entry);
            case "ca_file" -> caFile = BlockReader.string(entry);
            case "verify" -> verify = BlockReader.bool(entry);
            // the websocket handshake_timeout bounds the TLS handshake, as in nats-server
            case "timeout" -> BlockReader.seconds(entry);
            default -> throw new ConfigException(entry.keyPosition(),
                    "error parsing tls config, unsupported field \"" + entry.key() + "\"");
        }
    }

    private SslContext build(ConfigTree block) {
        if (!certFile.isEmpty() && keyFile.isEmpty()) {
            throw new ConfigException(block.position(), "missing 'key_file' in TLS configuration");
        }
        if (certFile.isEmpty()) {
            throw new ConfigException(block.position(), "missing 'cert_file' in TLS configuration");
        }
        try {
            SslContextBuilder builder = SslContextBuilder.forServer(new File(certFile), new File(keyFile))
                    .sslProvider(SslProvider.JDK)
                    .protocols("TLSv1.3", "TLSv1.2");
            if (!caFile.isEmpty()) {
                builder.trustManager(new File(caFile));
            }
            if (verify) {
                builder.clientAuth(ClientAuth.REQUIRE);
            }
            return builder.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new ConfigException(block.position(),
                    "error parsing X509 certificate/key pair: " + rootMessage(e));
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
