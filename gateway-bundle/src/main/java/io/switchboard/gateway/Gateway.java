package io.switchboard.gateway;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.switchboard.core.json.Json;
import io.switchboard.core.spi.link.InterestWatch;
import io.switchboard.core.spi.link.LinkHost;
import io.switchboard.core.spi.link.LinkUrl;
import io.switchboard.core.spi.transport.TransportHost;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * This server's part in a supercluster: the gateway listener, one outbound connection to a server
 * of every other cluster (configured ones retried for ever, learned ones {@code connect_retries}
 * times), the inbound connections other clusters make, the gossip that tells new peers of the
 * other clusters, and this cluster's interest as the inbound connections announce it.
 */
final class Gateway {

    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
    private static final long CONNECT_DELAY_MILLIS = 1000;
    private static final long RECONNECT_JITTER_MILLIS = 100;
    private static final int DIAL_TIMEOUT_MILLIS = 1000;

    private final LinkHost links;
    private final TransportHost transport;
    private final GatewayOptions options;
    private final GatewayRegistry<GatewayConnection> registry;
    private final ClusterInterest interest;
    private final Solicitor solicitor;
    /** Each inbound connection's way to be told of interest changes, as the interest table knows it. */
    private final Map<GatewayConnection, Consumer<List<String>>> senders = new ConcurrentHashMap<>();
    private final ChannelGroup channels = new DefaultChannelGroup("gateways", GlobalEventExecutor.INSTANCE);
    private final String ownHash;
    private final String replyPrefix;
    private volatile boolean running;
    private Channel listener;
    private InterestWatch watch;
    private String address;

    Gateway(LinkHost links, TransportHost transport, GatewayOptions options) {
        this.links = links;
        this.transport = transport;
        this.options = options;
        this.registry = new GatewayRegistry<>(options.name(), options.gateways());
        this.interest = new ClusterInterest(options.name());
        this.ownHash = GatewayHash.of(options.name());
        this.replyPrefix = GatewayHash.replyPrefix(options.name(), links.serverId());
        this.solicitor = new Solicitor(this::dial, transport.ioLoops(), CONNECT_DELAY_MILLIS, options.connectRetries(),
                registry::keepAfterGivingUp, () -> running,
                new Solicitor.ErrorReports(links.options().connectErrorReports(),
                        links.options().reconnectErrorReports()));
    }

    LinkHost links() {
        return links;
    }

    GatewayOptions options() {
        return options;
    }

    GatewayRegistry<GatewayConnection> registry() {
        return registry;
    }

    String ownHash() {
        return ownHash;
    }

    /** What this server puts before the replies of requests it sends to other clusters. */
    String replyPrefix() {
        return replyPrefix;
    }

    /** Opens the listener, then solicits the configured gateways after a second, as nats-server does. */
    void start() {
        running = true;
        InetSocketAddress bindTo = new InetSocketAddress(options.host(), Math.max(options.port(), 0));
        ChannelFuture bound = new ServerBootstrap()
                .group(transport.acceptLoops(), transport.ioLoops())
                .channel(transport.serverChannelType())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(initializer(null, null))
                .bind(bindTo)
                .awaitUninterruptibly();
        if (!bound.isSuccess()) {
            LOG.error("Error listening on gateway port: {} - {}", options.port(), bound.cause().getMessage());
            stop();
            return;
        }
        listener = bound.channel();
        int port = ((InetSocketAddress) listener.localAddress()).getPort();
        LOG.info("Gateway name is {}", options.name());
        LOG.info("Listening for gateways connections on {}:{}", options.host(), port);
        address = options.advertise().isEmpty() ? advertisedHost() + ":" + port : options.advertise();
        LOG.info("{} for gateway \"{}\" is {}", options.advertise().isEmpty() ? "Address" : "Advertise address",
                options.name(), address);
        watch = links.watchClusterInterest(interest);
        for (RemoteGateway remote : registry.remotes()) {
            solicitor.solicit(remote, true, CONNECT_DELAY_MILLIS);
        }
    }

    private String advertisedHost() {
        String host = options.host();
        return host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
    }

    void stop() {
        running = false;
        if (watch != null) {
            watch.cancel();
        }
        if (listener != null) {
            listener.close().awaitUninterruptibly();
        }
        for (Channel channel : channels) {
            GatewayConnection connection = channel.pipeline().get(GatewayConnection.class);
            if (connection != null) {
                connection.shuttingDown();
            }
        }
        channels.close().awaitUninterruptibly();
    }

    private ChannelInitializer<Channel> initializer(RemoteGateway remote, LinkUrl url) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                channels.add(ch);
                ch.pipeline().addLast("gateway", new GatewayConnection(Gateway.this, remote, url));
            }
        };
    }

    private CompletionStage<?> dial(RemoteGateway remote, LinkUrl url) {
        CompletableFuture<Void> connected = new CompletableFuture<>();
        new Bootstrap()
                .group(transport.ioLoops())
                .channel(transport.channelType())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, DIAL_TIMEOUT_MILLIS)
                .handler(initializer(remote, url))
                .connect(url.host(), url.port())
                .addListener((ChannelFuture f) -> {
                    if (f.isSuccess()) {
                        connected.complete(null);
                    } else {
                        connected.completeExceptionally(f.cause());
                    }
                });
        return connected;
    }

    // ---- connections coming and going ----

    boolean registerOutbound(GatewayConnection connection) {
        return registry.registerOutbound(connection.remoteName(), connection);
    }

    void registerInbound(GatewayConnection connection) {
        registry.registerInbound(connection.remoteName(), connection);
    }

    /** A peer told of gateway {@code name}: solicit it unless this server already knows it. */
    void learned(String name, List<String> urls) {
        if (!running) {
            return;
        }
        if (options.rejectUnknown() && registry.remote(name) == null) {
            return;
        }
        RemoteGateway learned = registry.learn(name, urls);
        if (learned != null) {
            solicitor.solicit(learned, true, 0);
        }
    }

    /** Tells a new inbound connection of every other cluster this server knows. */
    void gossipTo(GatewayConnection connection, String except) {
        for (RemoteGateway remote : registry.remotes()) {
            if (remote.name().equals(except) || remote.hostPorts().isEmpty()) {
                continue;
            }
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("server_id", links.serverId());
            info.put("gateway", remote.name());
            info.put("gateway_urls", remote.hostPorts());
            info.put("gateway_cmd", 1);
            connection.sendLines(List.of("INFO " + Json.write(info)));
        }
    }

    void joinInterest(GatewayConnection connection) {
        interest.join(sender(connection), links.accountNames());
    }

    private Consumer<List<String>> sender(GatewayConnection connection) {
        return senders.computeIfAbsent(connection, c -> c::sendLines);
    }

    /** A connection closed: forget it, and reconnect an outbound one whose remote is still known. */
    void closed(GatewayConnection connection) {
        Consumer<List<String>> sender = senders.remove(connection);
        if (sender != null) {
            interest.leave(sender);
        }
        boolean wasOutbound = registry.closed(connection.remoteName(), connection);
        RemoteGateway remote = connection.remote();
        if (!running || remote == null || registry.remote(remote.name()) != remote) {
            return;
        }
        if (!wasOutbound && registry.outbound(remote.name()) != null) {
            return;
        }
        LOG.debug("Attempting reconnect for gateway \"{}\"", remote.name());
        long delay = ThreadLocalRandom.current().nextLong(RECONNECT_JITTER_MILLIS)
                + (remote.implicit() ? 0 : CONNECT_DELAY_MILLIS);
        solicitor.solicit(remote, false, delay);
    }

    // ---- what this server says about itself ----

    String infoJson() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("server_id", links.serverId());
        info.put("server_name", links.serverName());
        info.put("version", links.version());
        int colon = address.lastIndexOf(':');
        info.put("host", address.substring(0, colon));
        info.put("port", Integer.parseInt(address.substring(colon + 1)));
        info.put("headers", !links.options().noHeaderSupport());
        if (options.authRequired()) {
            info.put("auth_required", true);
        }
        info.put("max_payload", links.options().maxPayload());
        info.put("gateway", options.name());
        info.put("gateway_urls", List.of(address));
        info.put("gateway_url", address);
        info.put("gateway_nrp", true);
        info.put("gateway_iom", true);
        return Json.write(info);
    }

    String connectJson(LinkUrl url) {
        Map<String, Object> connect = new LinkedHashMap<>();
        connect.put("echo", false);
        connect.put("verbose", false);
        connect.put("pedantic", false);
        String user = url.user() != null ? url.user() : options.username();
        String pass = url.user() != null ? url.password() : options.password();
        if (user != null) {
            connect.put("user", user);
        }
        if (pass != null) {
            connect.put("pass", pass);
        }
        connect.put("tls_required", false);
        connect.put("name", links.serverId());
        connect.put("gateway", options.name());
        return Json.write(connect);
    }
}
