package io.switchboard.monitor;

import io.switchboard.core.spi.monitor.AccountView;
import io.switchboard.core.spi.monitor.ConnectionView;
import io.switchboard.core.spi.monitor.ServerMonitor;
import io.switchboard.core.spi.monitor.TransportCounters;
import io.switchboard.core.spi.system.ClientEvents;
import io.switchboard.core.spi.system.Registration;
import io.switchboard.core.spi.system.SystemHandler;
import io.switchboard.core.spi.system.SystemHost;
import io.switchboard.core.spi.system.SystemMessage;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The system account's events and requests, as nats-server's internal client serves them: the
 * monitoring endpoints over {@code $SYS.REQ.SERVER.*} and {@code $SYS.REQ.ACCOUNT.*}, the server's
 * statistics every ten seconds on {@code $SYS.SERVER.<id>.STATSZ}, and its clients' connects and
 * disconnects. Served whether or not a monitoring port is open; nothing with
 * {@code no_system_account}. Requests are answered on a thread of its own, never on the event
 * loops; the thread goes when the bundle stops.
 */
@Component(immediate = true)
public final class SystemComponent {

    private static final Logger LOG = LoggerFactory.getLogger(SystemComponent.class);
    /** nats-server sends its statistics soon after start, then less often, up to every ten seconds. */
    private static final Duration FIRST_STATSZ = Duration.ofMillis(250);
    private static final Duration STATSZ_INTERVAL = Duration.ofSeconds(10);
    /** A server whose statistics stopped coming this long ago no longer counts as active. */
    private static final Duration SERVER_TIMEOUT = STATSZ_INTERVAL.multipliedBy(3);

    private final SystemHost host;
    private final ScheduledExecutorService work;
    private final List<Registration> registrations = new ArrayList<>();
    private final Map<String, Long> otherServers = new ConcurrentHashMap<>();
    private String account;
    private ServerIdentity identity;
    private SystemRequests requests;
    private long statszDelayMillis = FIRST_STATSZ.toMillis();

    /** What transport bundles count of their own, for VARZ; they come and go with their bundles. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<TransportCounters> transportCounters = List.of();

    @Activate
    public SystemComponent(@Reference SystemHost host, @Reference ServerMonitor server) {
        this.host = host;
        this.work = Executors.newSingleThreadScheduledExecutor(task -> new Thread(task, "switchboard-system"));
        host.systemAccount().ifPresent(name -> start(name, server));
    }

    private void start(String name, ServerMonitor server) {
        account = name;
        identity = new ServerIdentity(server, host);
        Statsz statsz = new Statsz(server, this::activeOthers);
        EndpointAnswers answers = EndpointAnswers.of(server, () -> transportCounters);
        requests = new SystemRequests(server, answers, name, identity, statsz, this::send);
        String id = identity.id();
        String broadcast = "$SYS.SERVER." + id + ".STATSZ";
        subscribe(SystemRequests.SERVER_PING, request -> requests.server("STATSZ", request, broadcast));
        for (String endpoint : SystemRequests.SERVER_ENDPOINTS) {
            subscribe(SystemRequests.SERVER_PING + "." + endpoint, request -> requests.server(endpoint, request, broadcast));
            subscribe("$SYS.REQ.SERVER." + id + "." + endpoint, request -> requests.server(endpoint, request, broadcast));
        }
        for (String endpoint : SystemRequests.ACCOUNT_ENDPOINTS) {
            subscribe("$SYS.REQ.ACCOUNT.*." + endpoint,
                    request -> requests.account(request.subject().split("\\.")[3], endpoint, request));
        }
        subscribe(SystemRequests.ACCOUNT_PING_STATZ, requests::accountPing);
        for (AccountView other : server.accounts()) {
            if (!other.name().equals(name)) {
                importInto(other.name(), new SystemRequests(server, answers, name, identity, statsz,
                        (subject, body) -> host.publish(other.name(), subject, null, null, body)));
            }
        }
        registrations.add(host.subscribe(account, "$SYS.SERVER.*.STATSZ", this::heardOf));
        registrations.add(host.watchClients(new Events()));
        work.schedule(this::broadcastStatsz, statszDelayMillis, TimeUnit.MILLISECONDS);
    }

    /** What nats-server imports from the system account into every other: answered in that account. */
    private void importInto(String other, SystemRequests answers) {
        for (SystemImports.Service service : SystemImports.SERVICES) {
            subscribe(other, service.subject(), request -> answers.account(other, service.endpoint(), request));
        }
    }

    /** Requests are handed to the system thread as they come. */
    private void subscribe(String subject, SystemHandler handler) {
        subscribe(account, subject, handler);
    }

    private void subscribe(String in, String subject, SystemHandler handler) {
        registrations.add(host.subscribe(in, subject, request -> run(() -> handler.message(request))));
    }

    private void run(Runnable task) {
        try {
            work.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("System account request failed: {}", e.toString());
                }
            });
        } catch (RejectedExecutionException stopping) {
            // the bundle is stopping: nobody is answered any more
        }
    }

    private void send(String subject, byte[] body) {
        host.publish(account, subject, null, null, body);
    }

    private void broadcastStatsz() {
        send("$SYS.SERVER." + identity.id() + ".STATSZ", requests.statszMessage());
        statszDelayMillis = Math.min(statszDelayMillis * 2, STATSZ_INTERVAL.toMillis());
        try {
            work.schedule(this::broadcastStatsz, statszDelayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            // the bundle is stopping
        }
    }

    /** Another server's statistics: it counts among the active servers for a while. */
    private void heardOf(SystemMessage statsz) {
        String id = statsz.subject().split("\\.")[2];
        if (!id.equals(identity.id())) {
            otherServers.put(id, System.nanoTime());
        }
    }

    private int activeOthers() {
        long now = System.nanoTime();
        otherServers.values().removeIf(seen -> now - seen > SERVER_TIMEOUT.toNanos());
        return otherServers.size();
    }

    /** nats-server sends the account's connection count as well, under its old and new subjects. */
    private final class Events implements ClientEvents {
        @Override
        public void connected(ConnectionView client) {
            run(() -> {
                send("$SYS.ACCOUNT." + client.account() + ".CONNECT", ClientEventMessages.connect(identity, client));
                accountConnections(client.account());
            });
        }

        @Override
        public void disconnected(ConnectionView client) {
            run(() -> {
                send("$SYS.ACCOUNT." + client.account() + ".DISCONNECT", ClientEventMessages.disconnect(identity, client));
                accountConnections(client.account());
            });
        }

        private void accountConnections(String name) {
            requests.accountStat(name).ifPresent(stat -> {
                byte[] body = TypedEvents.accountConnections(identity, stat);
                send("$SYS.SERVER.ACCOUNT." + name + ".CONNS", body);
                send("$SYS.ACCOUNT." + name + ".SERVER.CONNS", body);
            });
        }
    }

    @Deactivate
    void deactivate() {
        registrations.forEach(Registration::cancel);
        registrations.clear();
        work.shutdownNow();
        try {
            work.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
