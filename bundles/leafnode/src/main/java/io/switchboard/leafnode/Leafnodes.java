package io.switchboard.leafnode;

import io.netty.channel.Channel;
import io.switchboard.core.config.Durations;
import io.switchboard.core.json.Json;
import io.switchboard.core.spi.link.ClusterLeafnodes;
import io.switchboard.core.spi.link.LinkBlock;
import io.switchboard.core.spi.link.LinkChannels;
import io.switchboard.core.spi.link.LinkHost;
import io.switchboard.core.spi.link.LinkProtocol;
import io.switchboard.core.spi.link.LinkTls;
import io.switchboard.core.spi.link.LinkUrl;
import io.switchboard.core.spi.transport.TransportHost;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * This server's leaf nodes: the listener that accepts them (this server as their hub), the
 * remotes it connects to (this server as a leaf of their hub), each reconnected after its
 * reconnect interval when it goes, and the loop detection subject of each account. Its routes
 * tell the other servers of the cluster where it accepts leaf nodes (unless {@code no_advertise}),
 * and it tells its leaf nodes where all of them do.
 */
final class Leafnodes implements ClusterLeafnodes {

    private static final Logger LOG = LoggerFactory.getLogger(Leafnodes.class);

    /** What every loop detection subject starts with. */
    static final String LOOP_PREFIX = "$LDS.";
    /** How long a remote waits after a loop or a refusal of its cluster name, as nats-server does. */
    static final Duration DELAY_AFTER_REFUSAL = Duration.ofSeconds(30);
    private static final int DIAL_TIMEOUT_MILLIS = 1000;
    private static final char[] ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
            .toCharArray();

    private final LinkHost links;
    private final LeafOptions options;
    private final LinkChannels channels;
    /** TLS for accepted leaf nodes; null for none. */
    private final LinkTls tls;
    private final List<RemoteLeaf> remotes;
    private final ScheduledExecutorService scheduler;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, String> loopSubjects = new ConcurrentHashMap<>();
    private final Set<LeafConnection> accepted = ConcurrentHashMap.newKeySet();
    private final Map<RemoteLeaf, Integer> attempts = new ConcurrentHashMap<>();
    private final String clusterName;
    private final boolean clientAuthConfigured;
    private volatile boolean running;
    private volatile String address = "";
    /** The leaf node URLs of the cluster's other servers, as their routes announce them. */
    private final Set<String> memberUrls = ConcurrentHashMap.newKeySet();

    Leafnodes(LinkHost links, TransportHost transport, LeafOptions options) {
        this.links = links;
        this.options = options;
        this.channels = new LinkChannels(transport, "leafnodes");
        this.tls = options.tls().map(settings -> new LinkTls(settings, false)).orElse(null);
        this.remotes = options.remotes().stream().map(RemoteLeaf::new).toList();
        this.scheduler = transport.ioLoops();
        this.clusterName = links.options().commandLine().string("cluster_name")
                .orElseGet(() -> LinkBlock.nameIn(links.options(), "cluster"));
        var server = links.options();
        this.clientAuthConfigured = !server.username().isEmpty() || !server.authorizationToken().isEmpty()
                || !server.users().isEmpty() || server.raw("operator").isPresent()
                || server.raw("trusted_keys").isPresent() || !server.authenticators().isEmpty();
    }

    LinkHost links() {
        return links;
    }

    LeafOptions options() {
        return options;
    }

    /** TLS for accepted leaf nodes, started after the INFO; null for none. */
    LinkTls tls() {
        return tls;
    }

    /** This server's cluster name, empty when it has none: a leaf of the same cluster is refused. */
    String clusterName() {
        return clusterName;
    }

    void start() {
        running = true;
        if (options.accepts()) {
            int port;
            try {
                port = channels.listen(options.host(), Math.max(options.port(), 0), null,
                        ch -> new LeafConnection(this, null, null, false));
            } catch (Exception e) {
                LOG.error("Error listening on leafnode port: {} - {}", options.port(), e.getMessage());
                stop();
                return;
            }
            LOG.info("Listening for leafnode connections on {}:{}", options.host(), port);
            address = options.advertise().isEmpty() ? advertisedHost() + ":" + port : options.advertise();
            if (!options.advertise().isEmpty()) {
                LOG.info("Advertise address for leafnode is set to {}", address);
            }
            links.clusterLeafnodes(this);
        }
        for (RemoteLeaf remote : remotes) {
            connect(remote, true);
        }
    }

    private String advertisedHost() {
        String host = options.host();
        return host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
    }

    void stop() {
        running = false;
        if (links.clusterLeafnodes().orElse(null) == this) {
            links.clusterLeafnodes(null);
        }
        channels.close(LeafConnection.class, LeafConnection::shuttingDown);
    }

    // ---- soliciting ----

    private void connect(RemoteLeaf remote, boolean first) {
        if (!running) {
            return;
        }
        LinkUrl url = remote.nextUrl();
        LOG.debug("Trying to connect as leafnode to remote server on \"{}\"", url.hostPort());
        boolean webSocket = remote.webSocket();
        channels.dial(url, webSocket ? remote.tls() : null, DIAL_TIMEOUT_MILLIS, ch -> webSocket
                        ? WebSocketUpgrade.pipeline(remote.uri(url), remote.options().wsCompression(),
                                new LeafConnection(this, remote, url, true))
                        : new LeafConnection(this, remote, url, false))
                .whenComplete((connected, failure) -> {
                    if (failure == null) {
                        attempts.remove(remote);
                        return;
                    }
                    int attempt = attempts.merge(remote, 1, Integer::sum);
                    String text = "Error trying to connect as leafnode to remote server \"" + url.hostPort()
                            + "\" (attempt " + attempt + "): " + failure.getMessage();
                    int every = first ? links.options().connectErrorReports() : links.options().reconnectErrorReports();
                    if (attempt == 1 || (every > 0 && attempt % every == 0)) {
                        LOG.error(text);
                    } else {
                        LOG.debug(text);
                    }
                    reconnectLater(remote, first, options.reconnect());
                });
    }

    private void reconnectLater(RemoteLeaf remote, boolean first, Duration delay) {
        if (running) {
            scheduler.schedule(() -> connect(remote, first), delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The CONNECT a remote answers the hub's INFO with: its name, cluster and credentials. */
    String connectJson(RemoteLeaf remote, LinkUrl url, String nonce) throws Exception {
        Map<String, Object> connect = new LinkedHashMap<>();
        connect.put("version", links.version());
        LeafOptions.Remote settings = remote.options();
        if (!settings.credentials().isEmpty()) {
            Credentials.Signed signed = Credentials.sign(Path.of(settings.credentials()), nonce);
            connect.put("jwt", signed.jwt());
            connect.put("sig", signed.signature());
        } else {
            if (url.user() != null) {
                connect.put("user", url.user());
                connect.put("pass", url.password() == null ? "" : url.password());
            }
        }
        connect.put("tls_required", remote.tls() != null);
        connect.put("server_id", links.serverId());
        connect.put("name", links.serverName());
        if (!clusterName.isEmpty()) {
            connect.put("cluster", clusterName);
        }
        connect.put("headers", !links.options().noHeaderSupport());
        if (!settings.denyImports().isEmpty()) {
            connect.put("deny_pub", settings.denyImports());
        }
        return Json.write(connect);
    }

    // ---- accepting ----

    /**
     * A leaf node the WebSocket port accepted at its {@code /leafnode} path: it is greeted and
     * admitted as one on the leaf node port is, inside the WebSocket frames. On the channel's loop.
     */
    void acceptWebSocket(Channel channel) {
        if (!running) {
            channel.close();
            return;
        }
        channels.adopt(channel, new LeafConnection(this, null, null, true));
    }

    /** A fresh nonce for an accepted connection to sign. */
    String newNonce() {
        byte[] bytes = new byte[11];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * The INFO an accepted connection gets: first with the nonce, then, once admitted, with
     * {@code connect_info} and the account it is bound to ({@code remoteAccount} not null); without
     * either and {@code cid} 0, the INFO that tells every leaf node of changed cluster URLs.
     */
    String infoJson(String nonce, long cid, String remoteAccount) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("server_id", links.serverId());
        info.put("server_name", links.serverName());
        info.put("version", links.version());
        info.put("proto", 1);
        int colon = address.lastIndexOf(':');
        info.put("host", address.substring(0, colon));
        info.put("port", Integer.parseInt(address.substring(colon + 1)));
        LinkProtocol.putSettings(info, links.options(), true, tls != null);
        info.put("ip", address);
        if (cid != 0) {
            info.put("client_id", cid);
        }
        if (nonce != null) {
            info.put("nonce", nonce);
        }
        info.put("leafnode_urls", leafnodeUrls());
        if (!clusterName.isEmpty()) {
            info.put("cluster", clusterName);
        }
        if (remoteAccount != null) {
            info.put("connect_info", true);
            info.put("remote_account", remoteAccount);
        } else {
            info.put("info_on_connect", true);
        }
        return Json.write(info);
    }

    /** This server's leaf node URL first, then those of the cluster's other servers. */
    private List<String> leafnodeUrls() {
        List<String> urls = new ArrayList<>();
        urls.add(address);
        memberUrls.stream().sorted().filter(url -> !url.equals(address)).forEach(urls::add);
        return urls;
    }

    // ---- the cluster ----

    @Override
    public String url() {
        return options.noAdvertise() ? "" : address;
    }

    /** Another server of the cluster came or went: the accepted leaf nodes get the new list, as nats-server sends it. */
    @Override
    public void memberUrl(String url, boolean present) {
        boolean changed = present ? memberUrls.add(url) : memberUrls.remove(url);
        if (changed) {
            String info = "INFO " + infoJson(null, 0, null);
            for (LeafConnection connection : accepted) {
                connection.sendLines(List.of(info));
            }
        }
    }

    /**
     * The account a leaf node's CONNECT is admitted into, null when it is refused. Without an
     * {@code authorization} block every leaf node is admitted into its {@code account}, unless
     * clients need to authenticate: then nobody is, so that no connection gets around them.
     */
    String admit(String user, String password) {
        if (!options.authRequired()) {
            return clientAuthConfigured ? null : known(options.account());
        }
        for (LeafOptions.LeafUser candidate : options.users()) {
            if (LinkProtocol.sameSecret(candidate.user(), user)
                    && LinkProtocol.sameSecret(candidate.password() == null ? "" : candidate.password(), password)) {
                return known(candidate.account());
            }
        }
        return null;
    }

    private String known(String account) {
        return links.accountNames().contains(account) ? account : null;
    }

    /**
     * Another accepted connection from the same server, cluster and account is stale (its peer
     * reconnected before this side noticed): it is told so and closed, the new one stays.
     */
    void replaceDuplicate(LeafConnection connection) {
        for (LeafConnection old : accepted) {
            if (old != connection && old.registered() && !old.remoteName().isEmpty()
                    && old.remoteName().equals(connection.remoteName())
                    && old.remoteCluster().equals(connection.remoteCluster())
                    && old.account().equals(connection.account())) {
                old.duplicate();
                connection.logger().info("Replacing connection from same server");
            }
        }
    }

    void registered(LeafConnection connection) {
        if (!connection.solicited()) {
            accepted.add(connection);
        }
    }

    void closed(LeafConnection connection) {
        accepted.remove(connection);
        RemoteLeaf remote = connection.remote();
        if (remote != null) {
            reconnectLater(remote, false, remote.takeDelay(options.reconnect()));
        }
    }

    // ---- loop detection ----

    /** The account's loop detection subject, made once per account and server. */
    String loopSubject(String account) {
        return loopSubjects.computeIfAbsent(account, a -> LOOP_PREFIX + randomId());
    }

    private String randomId() {
        char[] id = new char[22];
        for (int i = 0; i < id.length; i++) {
            id[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(id);
    }

    static String format(Duration duration) {
        return Durations.format(duration);
    }
}
