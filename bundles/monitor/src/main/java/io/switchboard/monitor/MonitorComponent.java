package io.switchboard.monitor;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.switchboard.core.config.ConfigException;
import io.switchboard.core.config.ConfigTree;
import io.switchboard.core.config.ServerOptions;
import io.switchboard.core.spi.transport.TlsSettings;
import io.switchboard.core.spi.monitor.ServerMonitor;
import io.switchboard.core.spi.monitor.TransportCounters;
import io.switchboard.core.spi.transport.TransportHost;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * nats-server's HTTP monitoring port ({@code http_port}, {@code -m}), or over TLS with the
 * server's {@code tls} block ({@code https_port}, when there is no {@code http_port}, as in
 * nats-server), on the core's shared event loops, with the bundle management of
 * {@code bin/switchboard bundle}. Without a port it serves nothing. When the bundle stops it
 * closes its listener, its connections and its two threads (reads, bundle management).
 */
@Component(immediate = true)
public final class MonitorComponent {

    private static final Logger LOG = LoggerFactory.getLogger(MonitorComponent.class);
    private static final String NAME = "monitor";
    private static final int MAX_REQUEST_BYTES = 64 * 1024;

    private final TransportHost host;
    private final ChannelGroup accepted = new DefaultChannelGroup("http-monitor", GlobalEventExecutor.INSTANCE);
    private final ExecutorService reads;
    private final ExecutorService management;
    private Channel listener;

    /** What transport bundles count of their own; they come and go with their bundles. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<TransportCounters> transportCounters = List.of();

    @Activate
    public MonitorComponent(@Reference TransportHost host, @Reference ServerMonitor server, BundleContext context) {
        this.host = host;
        this.reads = Executors.newSingleThreadExecutor(task -> new Thread(task, "switchboard-monitor"));
        this.management = Executors.newSingleThreadExecutor(task -> new Thread(task, "switchboard-bundle-manager"));
        ServerOptions options = host.options();
        boolean secure = options.httpPort() == 0 && options.httpsPort() != 0;
        int port = secure ? options.httpsPort() : options.httpPort();
        if (port == 0) {
            return;
        }
        TlsSettings tls = null;
        SslContext sslContext = null;
        if (secure) {
            try {
                tls = monitoringTls(options);
                sslContext = tls.serverContext(false);
            } catch (ConfigException e) {
                host.configurationFailed(NAME, e);
                return;
            }
        }
        Bundles bundles = new Bundles(context, deployFolder(context));
        Endpoints endpoints = new Endpoints(options.httpBasePath(), server, () -> transportCounters, bundles,
                new BundleManager(bundles), reads, management);
        listen(new InetSocketAddress(options.httpHost(), Math.max(port, 0)), endpoints, sslContext,
                tls == null ? 0 : tls.timeout().toMillis());
    }

    /** The server's TLS settings, without asking browsers for a certificate, as nats-server serves https_port. */
    private static TlsSettings monitoringTls(ServerOptions options) {
        ConfigTree block = options.block("tls").orElseThrow(() ->
                new ConfigException("https_port needs the server's tls block with cert_file and key_file"));
        TlsSettings settings = TlsSettings.read(block);
        return new TlsSettings(settings.certFile(), settings.keyFile(), settings.caFile(), false, settings.timeout(),
                settings.position());
    }

    /** The folder FileInstall watches: the plugins that bundle management acts on. */
    private static Path deployFolder(BundleContext context) {
        String folder = context.getProperty("felix.fileinstall.dir");
        return folder == null ? null : Path.of(folder).toAbsolutePath().normalize();
    }

    /** {@code tls} is null for plain HTTP; {@code handshakeMillis} bounds a TLS handshake. */
    private void listen(InetSocketAddress address, Endpoints endpoints, SslContext tls, long handshakeMillis) {
        listener = host.bind(NAME, host.clientBootstrap().childHandler(new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                accepted.add(ch);
                if (tls != null) {
                    SslHandler handler = tls.newHandler(ch.alloc());
                    handler.setHandshakeTimeoutMillis(handshakeMillis);
                    ch.pipeline().addLast("tls", handler);
                }
                ch.pipeline().addLast("http", new HttpServerCodec());
                ch.pipeline().addLast("aggregate", new HttpObjectAggregator(MAX_REQUEST_BYTES));
                ch.pipeline().addLast("endpoints", new MonitorHandler(endpoints));
            }
        }), address);
        if (listener == null) {
            return;
        }
        int port = ((InetSocketAddress) listener.localAddress()).getPort();
        LOG.info("Starting {} monitor on {}:{}", tls == null ? "http" : "https", address.getHostString(), port);
    }

    @Deactivate
    void deactivate() {
        if (listener != null) {
            listener.close().awaitUninterruptibly();
        }
        accepted.close().awaitUninterruptibly();
        for (ExecutorService executor : new ExecutorService[] {reads, management}) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
