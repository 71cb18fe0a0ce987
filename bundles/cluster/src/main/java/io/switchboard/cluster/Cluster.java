package io.switchboard.cluster;

import io.switchboard.core.config.ServerOptions;
import io.switchboard.core.json.Json;
import io.switchboard.core.spi.link.ClusterGateway;
import io.switchboard.core.spi.link.ClusterLeafnodes;
import io.switchboard.core.spi.link.ClusterRoutes;
import io.switchboard.core.spi.link.InterestWatch;
import io.switchboard.core.spi.link.LinkChannels;
import io.switchboard.core.spi.link.LinkCloseReason;
import io.switchboard.core.spi.link.LinkHost;
import io.switchboard.core.spi.link.LinkProtocol;
import io.switchboard.core.spi.link.LinkTls;
import io.switchboard.core.spi.link.LinkUrl;
import io.switchboard.core.spi.transport.TransportHost;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * This server's part in a cluster: the route listener, the routes it solicits (configured ones
 * for ever, gossiped ones {@code connect_retries} times), one registered route per remote server
 * (a duplicate loses), the gossip that turns one seed route into a full mesh, and the
 * {@code connect_urls} clients hear of. It carries this server's gateway information to the other
 * servers and theirs to this server's gateway.
 */
final class Cluster implements ClusterRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(Cluster.class);
    private static final long CONNECT_DELAY_MILLIS = 1000;
    private static final long RECONNECT_JITTER_MILLIS = 100;
    private static final int CONNECT_TIMEOUT_MILLIS = 1000;
    private static final String NAME_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private final LinkHost links;
    private final TransportHost transport;
    private final ClusterOptions options;
    private final LocalInterestTable interest;
    private final LinkTls tls;
    private final LinkChannels channels;
    private final SecureRandom random = new SecureRandom();
    /** The registered route to each remote server, by server id. */
    private final Map<String, RouteConnection> remotes = new HashMap<>();
    private String name;
    private boolean dynamicName;
    private volatile boolean running;
    private InterestWatch watch;
    private String host;
    private int port;

    Cluster(LinkHost links, TransportHost transport, ClusterOptions options) {
        this.links = links;
        this.transport = transport;
        this.options = options;
        this.interest = new LocalInterestTable(options.permissions());
        this.tls = options.tls().map(LinkTls::new).orElse(null);
        this.channels = new LinkChannels(transport, "routes");
        this.dynamicName = options.name().isEmpty();
        this.name = dynamicName ? randomText(22) : options.name();
    }

    LinkHost links() {
        return links;
    }

    ClusterOptions options() {
        return options;
    }

    synchronized String name() {
        return name;
    }

    /** Opens the route listener, then solicits the configured routes. */
    void start() {
        running = true;
        LOG.info("Cluster name is {}", name());
        if (dynamicName) {
            LOG.warn("Cluster name was dynamically generated, consider setting one");
        }
        links.clusterName(name());
        try {
            port = channels.listen(options.host(), Math.max(options.port(), 0), tls,
                    ch -> new RouteConnection(this, null, false));
        } catch (Exception e) {
            LOG.error("Error listening on router port: {} - {}", options.port(), e.getMessage());
            stop();
            return;
        }
        host = options.host();
        LOG.info("Listening for route connections on {}:{}", host, port);
        watch = links.watchLocalInterest(interest);
        links.clusterRoutes(this);
        for (LinkUrl route : options.routes()) {
            solicit(route, true, true, 0);
        }
    }

    /** Closes the listener and every route, without reconnecting. */
    void stop() {
        running = false;
        links.clusterRoutes(null);
        if (watch != null) {
            watch.cancel();
        }
        channels.close(RouteConnection.class, RouteConnection::shuttingDown);
        links.clusterName(null);
    }

    // ---- soliciting ----

    /**
     * Connects to {@code url}; a configured route is tried every second for ever, a gossiped one
     * {@code connect_retries} more times, as nats-server does.
     */
    private void solicit(LinkUrl url, boolean explicit, boolean firstConnect, int failures) {
        if (!running) {
            return;
        }
        LOG.debug("Trying to connect to route on {}", url.hostPort());
        channels.dial(url, tls, CONNECT_TIMEOUT_MILLIS, ch -> new RouteConnection(this, url, explicit))
                .whenComplete((connected, failure) -> {
                    if (failure == null) {
                        return;
                    }
                    int attempts = failures + 1;
                    String error = "Error trying to connect to route (attempt " + attempts + "): "
                            + failure.getMessage();
                    if (reportConnectError(firstConnect, attempts)) {
                        LOG.error("{}", error);
                    } else {
                        LOG.debug("{}", error);
                    }
                    if (explicit || attempts <= options.connectRetries()) {
                        transport.ioLoops().schedule(() -> solicit(url, explicit, firstConnect, attempts),
                                CONNECT_DELAY_MILLIS, TimeUnit.MILLISECONDS);
                    }
                });
    }

    private boolean reportConnectError(boolean firstConnect, int attempts) {
        ServerOptions server = links.options();
        int every = firstConnect ? server.connectErrorReports() : server.reconnectErrorReports();
        return attempts == 1 || (every > 0 && attempts % every == 0);
    }

    // ---- routes coming and going, from the routes' event loops ----

    /**
     * Registers a route whose peer just introduced itself; false when there already is a route to
     * that server (the new one then goes, and the one that stays reconnects if it is ever lost).
     * A registered route gets this server's interest, other routes hear of the new server, and
     * clients hear of its client URLs.
     */
    boolean register(RouteConnection route, Map<String, Object> info, String peerAddress) {
        List<RouteConnection> others;
        synchronized (this) {
            RouteConnection existing = remotes.get(route.remoteId());
            if (existing != null) {
                existing.wonOver(route);
                return false;
            }
            remotes.put(route.remoteId(), route);
            route.registering();
            interest.join(route);
            route.sentLocalInterest();
            others = new ArrayList<>(remotes.values());
            others.remove(route);
        }
        if (!others.isEmpty()) {
            String gossip = Json.write(gossip(info, peerAddress));
            others.forEach(other -> other.sendInfo(gossip));
        }
        if (!options.noAdvertise()) {
            links.addClientConnectUrls(route.connectUrls());
        }
        links.clusterGateway().ifPresent(gateway -> tellGateway(gateway, route));
        links.clusterLeafnodes().ifPresent(leafnodes -> tellLeafnodes(leafnodes, route));
        return true;
    }

    private static void tellLeafnodes(ClusterLeafnodes leafnodes, RouteConnection route) {
        if (!route.leafnodeUrl().isEmpty()) {
            leafnodes.memberUrl(route.leafnodeUrl(), true);
        }
    }

    /** The peer of a route announced another leaf node URL than before (its leaf node bundle came or went). */
    void memberLeafnodeUrl(String before, String now) {
        links.clusterLeafnodes().ifPresent(leafnodes -> {
            if (!before.isEmpty()) {
                leafnodes.memberUrl(before, false);
            }
            if (!now.isEmpty()) {
                leafnodes.memberUrl(now, true);
            }
        });
    }

    /**
     * A route joined, or the gateway came after it: the gateway hears of the peer's gateway URL,
     * and the peer of the clusters this server connects to.
     */
    private static void tellGateway(ClusterGateway gateway, RouteConnection route) {
        if (!route.gatewayUrl().isEmpty()) {
            gateway.memberUrl(route.gatewayUrl(), true);
        }
        gateway.gossipForRoute().forEach(route::sendInfo);
    }

    /**
     * A route brought the gateway of another cluster, as a server of this cluster learned it: this
     * server's gateway connects to it too. A server without a gateway says so, as nats-server does.
     */
    void gatewayGossip(String gateway, List<String> urls, String from) {
        links.clusterGateway().ifPresentOrElse(own -> own.gossip(gateway, urls),
                () -> LOG.error("Received information about gateway \"{}\" from {}, but gateway is not configured",
                        gateway, from));
    }

    /** The peer of a route announced another gateway URL than before (its gateway came or went). */
    void memberGatewayUrl(String before, String now) {
        links.clusterGateway().ifPresent(gateway -> {
            if (!before.isEmpty()) {
                gateway.memberUrl(before, false);
            }
            if (!now.isEmpty()) {
                gateway.memberUrl(now, true);
            }
        });
    }

    @Override
    public void tell(String json) {
        registeredRoutes().forEach(route -> route.sendInfo(json));
    }

    private synchronized List<RouteConnection> registeredRoutes() {
        return new ArrayList<>(remotes.values());
    }

    /**
     * The gateway came or went: it hears what the routes know, and the peers get this server's INFO
     * again, with its {@code gateway_url} or without.
     */
    @Override
    public void gatewayChanged() {
        List<RouteConnection> routes = registeredRoutes();
        links.clusterGateway().ifPresent(gateway -> routes.forEach(route -> tellGateway(gateway, route)));
        routes.forEach(route -> route.sendInfo(infoJson()));
    }

    /**
     * The leaf node listener came or went: it hears the other servers' leaf node URLs, and the
     * peers get this server's INFO again, with its {@code leafnode_urls} or without.
     */
    @Override
    public void leafnodesChanged() {
        List<RouteConnection> routes = registeredRoutes();
        links.clusterLeafnodes().ifPresent(leafnodes -> routes.forEach(route -> tellLeafnodes(leafnodes, route)));
        routes.forEach(route -> route.sendInfo(infoJson()));
    }

    /** The peer's INFO as passed on: no nonce, and an {@code ip} to reach it at. */
    private static Map<String, Object> gossip(Map<String, Object> info, String peerAddress) {
        Map<String, Object> copy = new LinkedHashMap<>(info);
        copy.remove("nonce");
        if (String.valueOf(copy.getOrDefault("ip", "")).isEmpty()) {
            String hostPort = (peerAddress.indexOf(':') >= 0 ? "[" + peerAddress + "]" : peerAddress)
                    + ":" + copy.get("port");
            copy.put("ip", "nats-route://" + hostPort + "/");
        }
        return copy;
    }

    /** A peer told of another server: connect to it unless already connected or configured. */
    void learned(Map<String, Object> info) {
        String id = String.valueOf(info.get("server_id"));
        LinkUrl url;
        synchronized (this) {
            if (!running || id.equals(links.serverId()) || remotes.containsKey(id)) {
                return;
            }
            try {
                url = LinkUrl.parse(String.valueOf(info.get("ip")));
            } catch (RuntimeException e) {
                LOG.error("Error parsing URL from INFO: {}", e.getMessage());
                return;
            }
            String configured = String.valueOf(info.get("host")) + ":" + info.get("port");
            if (options.routes().stream().anyMatch(route -> route.hostPort().equalsIgnoreCase(configured))) {
                return;
            }
        }
        if (Boolean.TRUE.equals(info.get("auth_required"))) {
            url = url.withCredentials(options.username(), options.password());
        }
        solicit(url, false, false, 0);
    }

    /** The peer enters lame duck mode: its client URLs are no longer handed out. */
    void withdrawConnectUrls(RouteConnection route) {
        if (!options.noAdvertise()) {
            links.removeClientConnectUrls(route.connectUrls());
        }
    }

    /** A route closed: forget it, and reconnect when it was solicited and nothing replaced it. */
    void closed(RouteConnection route) {
        String id = route.remoteId();
        boolean wasRegistered;
        synchronized (this) {
            wasRegistered = id != null && remotes.remove(id, route);
            interest.leave(route);
        }
        if (wasRegistered) {
            withdrawConnectUrls(route);
            if (!route.gatewayUrl().isEmpty()) {
                links.clusterGateway().ifPresent(gateway -> gateway.memberUrl(route.gatewayUrl(), false));
            }
            if (!route.leafnodeUrl().isEmpty()) {
                links.clusterLeafnodes().ifPresent(leafnodes -> leafnodes.memberUrl(route.leafnodeUrl(), false));
            }
        }
        LinkUrl url = route.url();
        boolean retryImplicit = route.retry() || (url != null && !route.explicit());
        if (!running || url == null || !(route.explicit() || retryImplicit)) {
            return;
        }
        synchronized (this) {
            if (id != null && remotes.containsKey(id)) {
                LOG.debug("Not attempting reconnect for solicited route, already connected to \"{}\"", id);
                return;
            }
        }
        if (links.serverId().equals(id)) {
            LOG.debug("Detected route to self, ignoring \"{}\"", url.redacted("nats-route"));
            return;
        }
        LOG.debug("Attempting reconnect for solicited route \"{}\"", url.redacted("nats-route"));
        long delay = ThreadLocalRandom.current().nextLong(RECONNECT_JITTER_MILLIS)
                + (route.explicit() ? CONNECT_DELAY_MILLIS : 0);
        transport.ioLoops().schedule(() -> solicit(url, route.explicit(), false, 0), delay, TimeUnit.MILLISECONDS);
    }

    /**
     * Settles the cluster name with a peer's: a made-up name gives way to a configured one or to a
     * greater made-up one, and the routes that came with the old name go. False when the names
     * stay different.
     */
    boolean agreeOnName(String theirs, boolean theirsDynamic, RouteConnection from) {
        List<RouteConnection> dropped;
        synchronized (this) {
            if (theirs.equals(name)) {
                return true;
            }
            if (!dynamicName || (theirsDynamic && name.compareTo(theirs) >= 0)) {
                return false;
            }
            name = theirs;
            dynamicName = theirsDynamic;
            dropped = new ArrayList<>(remotes.values());
            dropped.remove(from);
        }
        links.clusterName(theirs);
        dropped.forEach(route -> route.closeLater(LinkCloseReason.CLUSTER_NAME_CONFLICT));
        return true;
    }

    // ---- what this server says about itself ----

    /** The route INFO, in nats-server's field order, with a fresh nonce. */
    String infoJson() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("server_id", links.serverId());
        info.put("server_name", links.serverName());
        info.put("version", links.version());
        info.put("proto", 2);
        boolean advertised = !options.advertise().isEmpty();
        LinkUrl self = advertised ? advertisedUrl() : null;
        info.put("host", advertised ? self.host() : host);
        info.put("port", advertised ? self.port() : port);
        LinkProtocol.putSettings(info, links.options(), options.authRequired(), tls != null);
        links.clusterGateway().ifPresent(gateway -> info.put("gateway_url", gateway.url()));
        links.clusterLeafnodes().map(ClusterLeafnodes::url).filter(url -> !url.isEmpty())
                .ifPresent(url -> info.put("leafnode_urls", List.of(url)));
        if (advertised) {
            info.put("ip", "nats-route://" + self.hostPort() + "/");
        }
        info.put("nonce", randomText(11));
        synchronized (this) {
            info.put("cluster", name);
            if (dynamicName) {
                info.put("cluster_dynamic", true);
            }
        }
        if (!options.noAdvertise()) {
            info.put("connect_urls", links.clientConnectUrls());
        }
        info.putAll(options.permissions().toJson());
        return Json.write(info);
    }

    private LinkUrl advertisedUrl() {
        String advertise = options.advertise();
        boolean hasPort = advertise.startsWith("[") ? advertise.contains("]:")
                : advertise.indexOf(':') >= 0 && advertise.indexOf(':') == advertise.lastIndexOf(':');
        return LinkUrl.parse("nats-route://" + (hasPort ? advertise : advertise + ":" + port));
    }

    /** The CONNECT this server sends on a route it solicited. */
    String connectJson(LinkUrl url) {
        Map<String, Object> connect = new LinkedHashMap<>();
        connect.put("echo", true);
        connect.put("verbose", false);
        connect.put("pedantic", false);
        if (url.user() != null) {
            connect.put("user", url.user());
        }
        if (url.password() != null) {
            connect.put("pass", url.password());
        }
        connect.put("tls_required", tls != null);
        connect.put("headers", !links.options().noHeaderSupport());
        connect.put("name", links.serverId());
        synchronized (this) {
            connect.put("cluster", name);
            if (dynamicName) {
                connect.put("cluster_dynamic", true);
            }
        }
        return Json.write(connect);
    }

    private String randomText(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(NAME_ALPHABET.charAt(random.nextInt(NAME_ALPHABET.length())));
        }
        return text.toString();
    }
}
