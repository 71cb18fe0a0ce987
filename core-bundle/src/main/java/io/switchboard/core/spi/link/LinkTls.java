package io.switchboard.core.spi.link;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.switchboard.core.spi.transport.TlsSettings;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * TLS on links (routes, gateways) as nats-server 2.9 does it: from the first byte, both ways;
 * the accepting side requires the soliciting side's certificate, and the soliciting side checks
 * that the peer's certificate names the host it dialled. Leaf nodes start it after the accepting
 * side's INFO, and require a certificate of the soliciting side only with {@code verify}.
 */
public final class LinkTls {

    private final SslContext accepting;
    private final SslContext soliciting;
    private final long handshakeTimeoutMillis;

    public LinkTls(TlsSettings settings) {
        this(settings, true);
    }

    /**
     * TLS that asks the soliciting side for a certificate only when {@code requirePeerCertificate}
     * or the settings' {@code verify} say so, as nats-server's leaf node listener does.
     *
     * @since 1.4
     */
    public LinkTls(TlsSettings settings, boolean requirePeerCertificate) {
        this.accepting = settings.serverContext(requirePeerCertificate);
        this.soliciting = settings.clientContext();
        this.handshakeTimeoutMillis = settings.timeout().toMillis();
    }

    /** The TLS handler for a route channel; {@code url} is null for an accepted route. */
    public SslHandler handler(Channel channel, LinkUrl url) {
        SslHandler handler;
        if (url == null) {
            handler = accepting.newHandler(channel.alloc());
        } else {
            handler = soliciting.newHandler(channel.alloc(), url.host(), url.port());
            SSLEngine engine = handler.engine();
            SSLParameters parameters = engine.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            engine.setSSLParameters(parameters);
        }
        handler.setHandshakeTimeoutMillis(handshakeTimeoutMillis);
        return handler;
    }
}
