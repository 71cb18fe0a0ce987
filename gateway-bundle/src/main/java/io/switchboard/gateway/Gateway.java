package io.switchboard.gateway;

import io.switchboard.core.json.Json;
import io.switchboard.core.spi.link.ClusterGateway;
import io.switchboard.core.spi.link.InterestWatch;
import io.switchboard.core.spi.link.LinkChannels;
import io.switchboard.core.spi.link.LinkHost;
import io.switchboard.core.spi.link.LinkTls;
import io.switchboard.core.spi.link.LinkUrl;
import io.switchboard.core.spi.transport.TransportHost;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * This server's part in a supercluster: the gateway listener, one outbound connection to a server
 * of every other cluster (configured ones retried for ever, learned ones {@code connect_retries}
 * times), the inbound connections other clusters make, the gossip that tells new peers of the
 * other clusters, and this cluster's interest as the inbound connections announce it. Over the
 * routes it tells the rest of its cluster its gateway URL and the clusters it learns of, and hears
 * theirs.
 */
final class Gateway implements ClusterGateway {

    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
    private static final long CONNECT_DELAY_MILLIS = 1000;
    private static final long RECONNECT_JITTER_MILLIS = 100;
    private static final int DIAL_TIMEOUT_MILLIS = 1000;

    private final LinkHost links;
    private final GatewayOptions options;
    private final GatewayRegistry<GatewayConnection> registry;
    private final ClusterInterest interest;
    private final Solicitor solicitor;
    private final LinkChannels channels;
    /** TLS for accepted connections and for remotes without their own; null for none. */
    private final LinkTls tls;
    /** The remotes configured with their own TLS. */
    private final Map<String, LinkTls> remoteTls = new HashMap<>();
    /** Each inbound connection's way to be told of interest changes, as the interest table knows it. */
    private final Map<GatewayConnection, Consumer<List<String>>> senders = new ConcurrentHashMap<>();
    /** The gateway URLs of this cluster's servers this server knows, its own included, each counted. */
    private final Map<String, Integer> clusterUrls = new LinkedHashMap<>();
    private final String ownHash;
    private final String replyPrefix;
    private volatile boolean running;
    private InterestWatch watch;
    private volatile String address;

    Gateway(LinkHost links, TransportHost transport, GatewayOptions options) {
        this.links = links;
        this.options = options;
        this.registry = new GatewayRegistry<>(options.name(), options.gateways());
        this.interest = new ClusterInterest(options.name());
        this.ownHash = GatewayHash.of(options.name());
        this.replyPrefix = GatewayHash.replyPrefix(options.name(), links.serverId());
        this.channels = new LinkChannels(transport, "gateways");
        this.tls = options.tls().map(LinkTls::new).orElse(null);
        for (GatewayOptions.Remote remote : options.gateways()) {
            remote.tls().ifPresent(settings -> remoteTls.put(remote.name(), new LinkTls(settings)));
        }
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
        int port;
        try {
            port = channels.listen(options.host(), Math.max(options.port(), 0), tls,
                    ch -> new GatewayConnection(this, null, null));
        } catch (Exception e) {
            LOG.error("Error listening on gateway port: {} - {}", options.port(), e.getMessage());
            stop();
            return;
        }
        LOG.info("Gateway name is {}", options.name());
        LOG.info("Listening for gateways connections on {}:{}", options.host(), port);
        address = options.advertise().isEmpty() ? advertisedHost() + ":" + port : options.advertise();
        LOG.info("{} for gateway \"{}\" is {}", options.advertise().isEmpty() ? "Address" : "Advertise address",
                options.name(), address);
        synchronized (clusterUrls) {
            clusterUrls.merge(address, 1, Integer::sum);
        }
        watch = links.watchClusterInterest(interest);
        links.clusterGateway(this);
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
        if (links.clusterGateway().orElse(null) == this) {
            links.clusterGateway(null);
        }
        if (watch != null) {
            watch.cancel();
        }
        channels.close(GatewayConnection.class, GatewayConnection::shuttingDown);
    }

    private CompletionStage<?> dial(RemoteGateway remote, LinkUrl url) {
        return channels.dial(url, tlsFor(remote), DIAL_TIMEOUT_MILLIS, ch -> new GatewayConnection(this, remote, url));
    }

    /** The TLS to dial {@code remote} with: its own, else the block's; null for none. */
    private LinkTls tlsFor(RemoteGateway remote) {
        return remoteTls.getOrDefault(remote.name(), tls);
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
            if (!remote.name().equals(except) && !remote.hostPorts().isEmpty()) {
                connection.sendLines(List.of("INFO " + gossip(links.serverId(), remote.name(), remote.hostPorts())));
            }
        }
    }

    /**
     * An outbound connection heard of its cluster's gateway URLs: the rest of this cluster hears of
     * them over the routes, so that every server connects to that cluster.
     */
    void tellCluster(String name, List<String> urls) {
        links.tellCluster(gossip("GW" + links.serverId(), name, urls));
    }

    /**
     * An INFO that tells of gateway {@code name}, with {@code gateway_cmd} 1. Told over routes, it
     * carries an id that is not the sending server's, as nats-server does, so that a server that
     * knows nothing of gateways takes it for another server without host or port and ignores it.
     */
    private String gossip(String serverId, String name, List<String> urls) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("server_id", serverId);
        info.put("server_name", links.serverName());
        info.put("gateway", name);
        info.put("gateway_urls", urls);
        info.put("gateway_cmd", 1);
        return Json.write(info);
    }

    // ---- the routes' side ----

    @Override
    public String name() {
        return options.name();
    }

    @Override
    public String url() {
        return address;
    }

    @Override
    public void memberUrl(String url, boolean present) {
        boolean changed;
        synchronized (clusterUrls) {
            int before = clusterUrls.getOrDefault(url, 0);
            int after = Math.max(0, before + (present ? 1 : -1));
            if (after == 0) {
                clusterUrls.remove(url);
            } else {
                clusterUrls.put(url, after);
            }
            changed = (before == 0) != (after == 0);
        }
        if (changed) {
            String info = "INFO " + infoJson();
            registry.inbound().forEach(connection -> connection.sendLines(List.of(info)));
        }
    }

    @Override
    public void gossip(String gateway, List<String> urls) {
        learned(gateway, urls);
    }

    /** Only the clusters this server has an outbound connection to, as nats-server does. */
    @Override
    public List<String> gossipForRoute() {
        List<String> infos = new ArrayList<>();
        for (GatewayConnection connection : registry.outbound()) {
            RemoteGateway remote = connection.remote();
            if (!remote.hostPorts().isEmpty()) {
                infos.add(gossip("GW" + links.serverId(), remote.name(), remote.hostPorts()));
            }
        }
        return infos;
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
        if (tls != null) {
            info.put("tls_required", true);
            info.put("tls_verify", true);
        }
        info.put("max_payload", links.options().maxPayload());
        info.put("gateway", options.name());
        synchronized (clusterUrls) {
            info.put("gateway_urls", new ArrayList<>(clusterUrls.keySet()));
        }
        info.put("gateway_url", address);
        info.put("gateway_nrp", true);
        info.put("gateway_iom", true);
        return Json.write(info);
    }

    String connectJson(RemoteGateway remote, LinkUrl url) {
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
        connect.put("tls_required", tlsFor(remote) != null);
        connect.put("name", links.serverId());
        connect.put("gateway", options.name());
        return Json.write(connect);
    }
}
