package io.switchboard.monitor;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.switchboard.core.config.ServerOptions;
import io.switchboard.core.spi.monitor.ServerMonitor;
import io.switchboard.core.spi.transport.TransportHost;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * nats-server's HTTP monitoring port ({@code http_port}, {@code -m}) on the core's shared event
 * loops, with the bundle management of {@code bin/switchboard bundle}. Without a port it serves
 * nothing. When the bundle stops it closes its listener, its connections and its management
 * thread.
 */
@Component(immediate = true)
public final class MonitorComponent {

    private static final Logger LOG = LoggerFactory.getLogger(MonitorComponent.class);
    private static final String NAME = "monitor";
    private static final int MAX_REQUEST_BYTES = 64 * 1024;

    private final TransportHost host;
    private final ChannelGroup accepted = new DefaultChannelGroup("http-monitor", GlobalEventExecutor.INSTANCE);
    private final ExecutorService management;
    private Channel listener;

    @Activate
    public MonitorComponent(@Reference TransportHost host, @Reference ServerMonitor server, BundleContext context) {
        this.host = host;
        this.management = Executors.newSingleThreadExecutor(task -> new Thread(task, "switchboard-bundle-manager"));
        ServerOptions options = host.options();
        if (options.httpsPort() != 0) {
            LOG.error("Monitoring over https is not supported, https_port {} is not served", options.httpsPort());
        }
        if (options.httpPort() == 0) {
            return;
        }
        Bundles bundles = new Bundles(context, deployFolder(context));
        Endpoints endpoints = new Endpoints(options.httpBasePath(), server, bundles,
                new BundleManager(bundles), management);
        listen(new InetSocketAddress(options.httpHost(), Math.max(options.httpPort(), 0)), endpoints);
    }

    /** The folder FileInstall watches: the plugins that bundle management acts on. */
    private static Path deployFolder(BundleContext context) {
        String folder = context.getProperty("felix.fileinstall.dir");
        return folder == null ? null : Path.of(folder).toAbsolutePath().normalize();
    }

    private void listen(InetSocketAddress address, Endpoints endpoints) {
        listener = host.bind(NAME, host.clientBootstrap().childHandler(new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                accepted.add(ch);
                ch.pipeline().addLast("http", new HttpServerCodec());
                ch.pipeline().addLast("aggregate", new HttpObjectAggregator(MAX_REQUEST_BYTES));
                ch.pipeline().addLast("endpoints", new MonitorHandler(endpoints));
            }
        }), address);
        if (listener == null) {
            return;
        }
        int port = ((InetSocketAddress) listener.localAddress()).getPort();
        LOG.info("Starting http monitor on {}:{}", address.getHostString(), port);
    }

    @Deactivate
    void deactivate() {
        if (listener != null) {
            listener.close().awaitUninterruptibly();
        }
        accepted.close().awaitUninterruptibly();
        management.shutdownNow();
        try {
            management.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
