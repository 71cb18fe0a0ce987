package io.switchboard.core.server;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.switchboard.core.auth.AuthChain;
import io.switchboard.core.client.ClientConnection;
import io.switchboard.core.client.ClientHost;
import io.switchboard.core.client.ClientLimits;
import io.switchboard.core.client.ServerStats;
import io.switchboard.core.config.ConfigException;
import io.switchboard.core.config.ConfigValue;
import io.switchboard.core.config.ServerOptions;
import io.switchboard.core.nkey.NKeys;
import io.switchboard.core.routing.Account;
import io.switchboard.core.routing.LinkTarget;
import io.switchboard.core.routing.InterestFeed;
import io.switchboard.core.spi.auth.AccountSettings;
import io.switchboard.core.spi.auth.AuthDecision;
import io.switchboard.core.spi.auth.AuthRequest;
import io.switchboard.core.link.LinkRegistry;
import io.switchboard.core.routing.Traffic;
import io.switchboard.core.spi.link.LinkKind;
import io.switchboard.core.spi.monitor.AccountView;
import io.switchboard.core.spi.monitor.ConnectionView;
import io.switchboard.core.spi.monitor.LinkView;
import io.switchboard.core.spi.monitor.ServerInfo;
import io.switchboard.core.spi.monitor.SubscriptionView;
import io.switchboard.core.spi.monitor.ServerMonitor;
import io.switchboard.core.spi.monitor.ServerStatistics;
import io.switchboard.core.spi.transport.ClientAuthContext;
import io.switchboard.core.spi.transport.TransportHost;
import io.switchboard.core.subject.Subjects;
import io.switchboard.core.system.SystemClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The running server: options, identity, accounts, connections and counters. Plain Java,
 * started and stopped by the {@link Broker} component, and usable without OSGi in tests.
 */
public final class NatsServer implements ClientHost, TransportHost, ServerMonitor {

    /** The nats-server release whose client protocol Switchboard speaks; clients gate features on it. */
    public static final String NATS_VERSION = "2.9.10";

    private static final Logger LOG = LoggerFactory.getLogger(NatsServer.class);
    private static final Marker FATAL = MarkerFactory.getMarker("FATAL");

    private final String serverId = NKeys.newServerId(new SecureRandom());
    /** nats-server's own internal clients take ids 1 to 3, so its first client is cid 4: so is ours. */
    private final AtomicLong clientIds = new AtomicLong(3);
    private final Map<Long, ClientConnection> clients = new ConcurrentHashMap<>();
    private final ServerStats stats = new ServerStats();
    private static final String GLOBAL_ACCOUNT = "$G";
    /** The system account nats-server 2.9 has when none is configured. */
    private static final String DEFAULT_SYSTEM_ACCOUNT = "$SYS";
    /** How long readiness waits for the auth plugins the configuration needs; they come from deploy/ at start. */
    private static final Duration PLUGIN_WAIT = Duration.ofSeconds(5);

    private final InterestFeed interestFeed = new InterestFeed();
    private final Map<String, Account> accounts = new ConcurrentHashMap<>(
            Map.of(GLOBAL_ACCOUNT, new Account(GLOBAL_ACCOUNT, interestFeed)));
    private final AuthChain auth = new AuthChain(this::options);
    /** The settings admissions last brought for each account that authenticators manage. */
    private final Map<String, AccountSettings> accountSettings = new ConcurrentHashMap<>();
    private final ClusterInfo clusterInfo = new ClusterInfo();
    private final EventLoops loops;
    private final Runnable fatalStop;
    private final Consumer<ServerOptions> logging;
    private volatile ServerOptions options;
    private volatile ClientLimits limits;
    private volatile Map<String, Object> infoFields;
    private volatile boolean ready;
    /** The client port is open; ready follows once the auth plugins the configuration needs are there. */
    private boolean listening;
    private volatile boolean lameDuck;
    private volatile int boundPort = -1;
    private final List<Runnable> whenReady = new ArrayList<>();
    private final Instant start = Instant.now();
    private volatile Instant configLoadTime;
    private final LinkRegistry linkRegistry = new LinkRegistry();
    private final ClosedConnections closed = new ClosedConnections(ClosedConnections.CAPACITY);
    private final SystemClient system;

    /**
     * {@code fatalStop} ends the process when the server cannot start; {@code logging} takes
     * the logging options at start and after each reload.
     */
    public NatsServer(ServerOptions options, Runnable fatalStop, Consumer<ServerOptions> logging) {
        this.fatalStop = fatalStop;
        this.logging = logging;
        this.loops = new EventLoops(EventLoops.ioThreads());
        this.system = new SystemClient(this::account, this::systemAccount, this, loops.io().next());
        logging.accept(options);
        apply(options);
    }

    private void apply(ServerOptions opts) {
        this.options = opts;
        this.configLoadTime = Instant.now();
        opts.accounts().forEach(this::account);
        systemAccount(opts).ifPresent(this::account);
        AccountLinker.link(opts, accounts::get);
        AccountMapper.map(opts, this::account, this::mappingCluster);
        this.limits = new ClientLimits(opts.maxPayload(), opts.maxControlLine(), opts.maxPending(),
                opts.maxConnections(), opts.maxSubscriptions(), opts.pingInterval(), opts.maxPingsOut(),
                opts.authTimeout(), opts.writeDeadline(), opts.maxTracedMsgLen());
        refreshInfo();
    }

    /** {@code system_account}, else {@code $SYS} unless {@code no_system_account} is set, as in nats-server 2.9. */
    private static Optional<String> systemAccount(ServerOptions opts) {
        Optional<String> configured = opts.raw("system_account").filter(value -> value.is(ConfigValue.Kind.STRING))
                .map(ConfigValue::asString);
        if (configured.isPresent()) {
            return configured;
        }
        boolean none = opts.raw("no_system_account").filter(value -> value.is(ConfigValue.Kind.BOOLEAN))
                .map(ConfigValue::asBoolean).orElse(false);
        return none ? Optional.empty() : Optional.of(DEFAULT_SYSTEM_ACCOUNT);
    }

    /** The system account of the options in force. */
    public Optional<String> systemAccount() {
        return systemAccount(options);
    }

    /** The server's internal client, the one the {@code $SYS} events and requests use. */
    public SystemClient system() {
        return system;
    }

    /** INFO's fields change with the options and with the authenticators present. */
    private void refreshInfo() {
        ServerOptions opts = options;
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("server_id", serverId);
        info.put("server_name", opts.serverName() == null || opts.serverName().isEmpty() ? serverId : opts.serverName());
        info.put("version", NATS_VERSION);
        info.put("proto", 1);
        info.put("host", opts.host());
        info.put("port", boundPort >= 0 ? boundPort : opts.port());
        info.put("headers", !opts.noHeaderSupport());
        // nats-server leaves auth_required out when a client without credentials is let in as no_auth_user
        if (authRequired() && opts.noAuthUser().isEmpty()) {
            info.put("auth_required", true);
        }
        info.put("max_payload", opts.maxPayload());
        this.infoFields = Collections.unmodifiableMap(info);
        clusterInfo.own(ClientUrls.of(opts.clientAdvertise(), opts.host(), (Integer) info.get("port")));
    }

    public void logStartup(String version) {
        LOG.info("Starting switchboard");
        LOG.info("  Version:  {} (nats-server {} protocol)", version, NATS_VERSION);
        LOG.info("  Name:     {}", infoFields.get("server_name"));
        LOG.info("  ID:       {}", serverId);
        ServerOptions opts = options;
        if (opts.configFile() != null && !opts.configFile().isEmpty()) {
            LOG.info("Using configuration file: {}", opts.configFile());
        }
    }

    public String serverId() {
        return serverId;
    }

    public String serverName() {
        return (String) infoFields.get("server_name");
    }

    @Override
    public ServerOptions options() {
        return options;
    }

    @Override
    public boolean ready() {
        return ready;
    }

    public int connectionCount() {
        return clients.size();
    }

    // ---- ClientHost ----

    @Override
    public ClientLimits limits() {
        return limits;
    }

    @Override
    public ServerStats stats() {
        return stats;
    }

    @Override
    public long nextClientId() {
        return clientIds.incrementAndGet();
    }

    @Override
    public Map<String, Object> infoFields() {
        return infoFields;
    }

    @Override
    public Map<String, Object> clusterInfoFields() {
        return clusterInfo.fields();
    }

    @Override
    public long clusterInfoVersion() {
        return clusterInfo.version();
    }

    @Override
    public boolean register(ClientConnection connection) {
        int max = limits.maxConnections();
        if (max > 0 && clients.size() >= max) {
            return false;
        }
        clients.put(connection.cid(), connection);
        return true;
    }

    @Override
    public void connected(ClientConnection connection) {
        Account account = connection.account();
        if (system.watched() && account != null && !GLOBAL_ACCOUNT.equals(account.name())) {
            system.connected(connection.snapshot());
        }
    }

    @Override
    public void unregister(ClientConnection connection) {
        if (clients.remove(connection.cid()) == null) {
            return;
        }
        ConnectionView view = connection.view(true, Instant.now());
        closed.add(view);
        if (connection.isConnected() && system.watched() && !GLOBAL_ACCOUNT.equals(view.account())) {
            system.disconnected(view);
        }
        Account account = connection.account();
        if (account != null) {
            account.connectionClosed(connection.traffic());
        }
    }

    @Override
    public boolean authRequired() {
        return auth.required();
    }

    @Override
    public boolean nonceRequired() {
        return auth.nonceRequired();
    }

    @Override
    public CompletableFuture<AuthDecision> authenticate(AuthRequest request) {
        return auth.authenticate(request);
    }

    /** Accounts an authenticator names are created on first use: JWT accounts live outside the configuration. */
    @Override
    public Account account(String name) {
        return accounts.computeIfAbsent(name == null ? GLOBAL_ACCOUNT : name, created -> new Account(created, interestFeed));
    }

    /**
     * An account JWT's mappings apply to its account from the first admission that brings them,
     * and again whenever an admission brings changed ones.
     */
    @Override
    public Account admitted(AuthDecision.Allow allow) {
        Account admittedTo = account(allow.account());
        AccountSettings settings = allow.settings();
        if (settings != AccountSettings.NONE && !settings.equals(accountSettings.put(admittedTo.name(), settings))) {
            AccountMapper.settle(admittedTo, settings, this::mappingCluster);
        }
        return admittedTo;
    }

    /** The decision for a client taken as the configured user {@code name}, a transport's no_auth_user. */
    AuthDecision authenticateAs(String name) {
        return auth.authenticateAs(name);
    }

    /** A plugin authenticator arrived: connected clients are checked against the new chain. */
    /** What an authenticator admits changed: every connected client is checked again. */
    public void recheckClients() {
        clients.values().forEach(ClientConnection::admissionsChanged);
    }

    public void addAuthenticator(AuthChain.Plugin plugin) {
        auth.add(plugin);
        refreshInfo();
        clients.values().forEach(ClientConnection::authenticatorsChanged);
        becomeReady(false);
    }

    /** A plugin authenticator left: new clients that need it are refused until it is back. */
    public void removeAuthenticator(long serviceId) {
        auth.remove(serviceId);
        refreshInfo();
    }

    // ---- links: routes, gateways, leaf nodes ----

    public List<Account> knownAccounts() {
        return List.copyOf(accounts.values());
    }

    public InterestFeed interestFeed() {
        return interestFeed;
    }

    public List<String> clientConnectUrls() {
        return clusterInfo.own();
    }

    public void clusterName(String name) {
        if (clusterInfo.name(name)) {
            clients.values().forEach(ClientConnection::clusterInfoChanged);
        }
    }

    public void addClientConnectUrls(Collection<String> urls) {
        if (clusterInfo.add(urls)) {
            clients.values().forEach(ClientConnection::clusterInfoChanged);
        }
    }

    public void removeClientConnectUrls(Collection<String> urls) {
        if (clusterInfo.remove(urls)) {
            clients.values().forEach(ClientConnection::clusterInfoChanged);
        }
    }

    // ---- TransportHost ----

    @Override
    public EventLoopGroup acceptLoops() {
        return loops.accept();
    }

    @Override
    public EventLoopGroup ioLoops() {
        return loops.io();
    }

    @Override
    public Class<? extends ServerChannel> serverChannelType() {
        return loops.serverChannelType();
    }

    @Override
    public Class<? extends Channel> channelType() {
        return loops.channelType();
    }

    @Override
    public InetSocketAddress clientListenAddress() {
        ServerOptions opts = options;
        return new InetSocketAddress(opts.host(), Math.max(opts.port(), 0));
    }

    /**
     * Reads the configuration file and flags again and applies them: limits and auth take
     * effect for new operations, and connected clients are checked against the new auth.
     */
    public void reload() {
        ServerOptions reloaded;
        try {
            reloaded = options.reload();
        } catch (RuntimeException e) {
            LOG.error("Failed to reload server configuration: {}", e.getMessage());
            return;
        }
        logging.accept(reloaded);
        apply(reloaded);
        clients.values().forEach(ClientConnection::reloaded);
        LOG.info("Reloaded server configuration");
    }

    @Override
    public CompletableFuture<Void> closeClients(String transport) {
        List<CompletableFuture<Void>> closed = new ArrayList<>();
        for (ClientConnection client : clients.values()) {
            if (client.transport().equals(transport)) {
                CompletableFuture<Void> done = new CompletableFuture<>();
                client.closeFuture().addListener(f -> done.complete(null));
                closed.add(done);
                client.announceLameDuck();
                client.closeForLameDuck();
            }
        }
        if (!closed.isEmpty()) {
            LOG.info("Closing {} connection(s) of the stopping {} transport", closed.size(), transport);
        }
        return CompletableFuture.allOf(closed.toArray(CompletableFuture[]::new));
    }

    // ---- ServerMonitor ----

    @Override
    public ServerInfo info() {
        Map<String, Object> info = infoFields;
        return new ServerInfo(serverId, (String) info.get("server_name"), NATS_VERSION, (Integer) info.get("proto"),
                (String) info.get("host"), (Integer) info.get("port"), start, configLoadTime, options);
    }

    @Override
    public ServerStatistics statistics() {
        long subscriptions = 0;
        for (Account account : accounts.values()) {
            subscriptions += account.index().count();
        }
        // the internal client's subscriptions are the server's own, not its clients' or links'
        subscriptions -= system.subscriptionCount();
        int routes = linkRegistry.count(LinkKind.ROUTE);
        return new ServerStatistics(clients.size(), stats.totalConnections.sum(), routes, routes,
                linkRegistry.count(LinkKind.LEAF), subscriptions,
                stats.inMsgs.sum(), stats.outMsgs.sum(), stats.inBytes.sum(), stats.outBytes.sum(),
                stats.slowConsumers.sum());
    }

    /** The cluster whose destinations a subject mapping picks, null outside a cluster. */
    private String mappingCluster() {
        String name = clusterName();
        return name.isEmpty() ? null : name;
    }

    @Override
    public String clusterName() {
        return clusterInfo.fields().get("cluster") instanceof String name ? name : "";
    }

    @Override
    public List<String> connectUrls() {
        if (clusterInfo.fields().get("connect_urls") instanceof List<?> urls) {
            return urls.stream().map(String::valueOf).toList();
        }
        return List.of();
    }

    @Override
    public List<ConnectionView> connections(boolean withSubscriptions) {
        List<ConnectionView> views = new ArrayList<>(clients.size());
        for (ClientConnection client : clients.values()) {
            views.add(client.view(withSubscriptions, null));
        }
        return views;
    }

    @Override
    public List<ConnectionView> closedConnections() {
        return closed.list();
    }

    @Override
    public List<LinkView> links(LinkKind kind, boolean withSubscriptions) {
        return linkRegistry.views(kind, withSubscriptions);
    }

    /** The open link sessions, which the link host fills in. */
    public LinkRegistry linkRegistry() {
        return linkRegistry;
    }

    @Override
    public List<AccountView> accounts() {
        Map<Account, Traffic> traffic = new HashMap<>();
        Map<Account, Integer> connections = new HashMap<>();
        for (ClientConnection client : clients.values()) {
            Account account = client.account();
            if (account != null) {
                traffic.merge(account, client.traffic(), Traffic::plus);
                connections.merge(account, 1, Integer::sum);
            }
        }
        // a link bound to a local account (a leaf node) counts in it, whatever its kind
        Map<String, Integer> bound = new HashMap<>();
        for (LinkKind kind : LinkKind.values()) {
            for (LinkView link : linkRegistry.views(kind, false)) {
                if (!link.description().account().isEmpty()) {
                    bound.merge(link.description().account(), 1, Integer::sum);
                }
            }
        }
        List<AccountView> views = new ArrayList<>(accounts.size());
        for (Account account : accounts.values()) {
            Traffic total = account.closedTraffic().plus(traffic.getOrDefault(account, Traffic.NONE));
            views.add(new AccountView(account.name(), connections.getOrDefault(account, 0),
                    bound.getOrDefault(account.name(), 0), total.inMsgs(),
                    total.inBytes(), total.outMsgs(), total.outBytes(), account.slowConsumers(),
                    system.withoutInternal(account.name(), account.index().stats())));
        }
        views.sort(Comparator.comparing(AccountView::name));
        return views;
    }

    @Override
    public List<SubscriptionView> subscriptions(String accountName, String subject) {
        if (subject != null && !(Subjects.isValidPublishSubject(subject) && Subjects.isLiteral(subject))) {
            throw new IllegalArgumentException("not a literal subject: " + subject);
        }
        List<SubscriptionView> views = new ArrayList<>();
        for (ClientConnection client : clients.values()) {
            Account account = client.account();
            if (accountName == null || (account != null && account.name().equals(accountName))) {
                for (SubscriptionView sub : client.subscriptionViews()) {
                    if (subject == null || Subjects.subjectMatches(sub.subject(), subject)) {
                        views.add(sub);
                    }
                }
            }
        }
        return views;
    }

    @Override
    public Map<String, Long> slowConsumersByCause() {
        Map<String, Long> causes = new LinkedHashMap<>();
        causes.put("pending_bytes", stats.slowConsumersPendingBytes.sum());
        causes.put("write_deadline", stats.slowConsumersWriteDeadline.sum());
        return causes;
    }

    /**
     * Lame duck mode, as nats-server does it: stop taking clients, wait the grace period,
     * close the connected ones spread over the lame duck duration, then stop.
     */
    public void enterLameDuckMode(Runnable then) {
        if (lameDuck) {
            return;
        }
        lameDuck = true;
        ServerOptions opts = options;
        LOG.info("Entering lame duck mode, stop accepting new clients");
        List<ClientConnection> connected = new ArrayList<>(clients.values());
        connected.forEach(ClientConnection::announceLameDuck);
        EventLoop timer = loops.io().next();
        long grace = opts.lameDuckGracePeriod().toNanos();
        long spread = Math.max(opts.lameDuckDuration().toNanos() - grace, 0);
        long step = connected.isEmpty() ? 0 : spread / connected.size();
        for (int i = 0; i < connected.size(); i++) {
            timer.schedule(connected.get(i)::closeForLameDuck, grace + i * step, TimeUnit.NANOSECONDS);
        }
        timer.schedule(() -> {
            LOG.info("Closed {} client(s) in lame duck mode", connected.size());
            then.run();
        }, grace + spread, TimeUnit.NANOSECONDS);
    }

    @Override
    public void initClientChannel(Channel channel, String transport) {
        if (lameDuck) {
            channel.close();
            return;
        }
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(64 * 1024, 256 * 1024));
        ClientHost host = TransportAuthClientHost.of(this, channel.attr(ClientAuthContext.KEY).get());
        channel.pipeline().addLast("nats", new ClientConnection(host, transport));
    }

    @Override
    public void listenerStarted(String transport, InetSocketAddress address) {
        if ("client".equals(transport)) {
            boundPort = address.getPort();
            refreshInfo();
            synchronized (whenReady) {
                listening = true;
            }
            becomeReady(false);
            if (!ready) {
                loops.io().next().schedule(this::readyWithoutPlugins, PLUGIN_WAIT.toNanos(), TimeUnit.NANOSECONDS);
            }
        }
    }

    private void readyWithoutPlugins() {
        if (!ready) {
            LOG.warn("No authenticator for {} after {} s: clients that need it are refused until it comes",
                    String.join(", ", auth.missingMethods()), PLUGIN_WAIT.toSeconds());
            becomeReady(true);
        }
    }

    /**
     * "Server is ready" means what it says, as with nats-server: clients can connect and the
     * auth plugins the configuration needs (installed from deploy/ beside the transports) are
     * there, unless {@code evenWithoutPlugins}. Logged once, when the client port is open.
     */
    private void becomeReady(boolean evenWithoutPlugins) {
        synchronized (whenReady) {
            if (ready || !listening || !(evenWithoutPlugins || auth.missingMethods().isEmpty())) {
                return;
            }
            ready = true;
        }
        LOG.info("Server is ready");
        runReadyActions();
    }

    /** Runs {@code action} once clients can connect: at once if they already can. */
    public void whenReady(Runnable action) {
        synchronized (whenReady) {
            if (!ready) {
                whenReady.add(action);
                return;
            }
        }
        action.run();
    }

    private void runReadyActions() {
        List<Runnable> actions;
        synchronized (whenReady) {
            actions = new ArrayList<>(whenReady);
            whenReady.clear();
        }
        actions.forEach(Runnable::run);
    }

    @Override
    public void listenerFailed(String transport, InetSocketAddress address, Throwable cause) {
        failed("Error listening on port: " + address.getHostString() + ":" + address.getPort()
                + ", \"" + cause.getMessage() + "\"");
    }

    @Override
    public void configurationFailed(String transport, ConfigException problem) {
        failed(problem.getMessage());
    }

    private void failed(String what) {
        if (ready) {
            LOG.error("{}", what);
        } else {
            LOG.error(FATAL, "{}", what);
            fatalStop.run();
        }
    }

    public void shutdown() {
        LOG.info("Initiating Shutdown...");
        ready = false;
        auth.close();
        loops.shutdown();
        LOG.info("Server Exiting..");
    }
}
