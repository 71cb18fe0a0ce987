package io.switchboard.core.system;

import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import io.switchboard.core.routing.Account;
import io.switchboard.core.routing.FlushBatch;
import io.switchboard.core.routing.Message;
import io.switchboard.core.spi.monitor.ConnectionView;
import io.switchboard.core.spi.monitor.IndexStats;
import io.switchboard.core.spi.monitor.ServerInfo;
import io.switchboard.core.spi.monitor.ServerMonitor;
import io.switchboard.core.spi.system.ClientEvents;
import io.switchboard.core.spi.system.Registration;
import io.switchboard.core.spi.system.SystemHandler;
import io.switchboard.core.spi.system.SystemHost;
import io.switchboard.core.subject.Subjects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The server's internal client, as nats-server has one per server: subscriptions in the accounts'
 * subject indexes, messages routed on one event loop in the order they were published, and the
 * clients' connect and disconnect told to whoever watches.
 */
public final class SystemClient implements SystemHost {

    private static final Logger LOG = LoggerFactory.getLogger(SystemClient.class);

    private final Function<String, Account> accounts;
    private final Supplier<Optional<String>> systemAccount;
    private final EventLoop loop;
    private final FlushBatch batch = new FlushBatch();
    private final CopyOnWriteArrayList<ClientEvents> watchers = new CopyOnWriteArrayList<>();
    private final AtomicInteger subscriptions = new AtomicInteger();
    /** Per account: internal subscriptions made and removed, which its index counted as inserts and removes. */
    private final Map<String, AtomicLong[]> changes = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final ServerMonitor server;

    /** {@code accounts} finds or makes an account by name; {@code loop} is where this client publishes. */
    public SystemClient(Function<String, Account> accounts, Supplier<Optional<String>> systemAccount,
                        ServerMonitor server, EventLoop loop) {
        this.accounts = accounts;
        this.server = server;
        this.systemAccount = systemAccount;
        this.loop = loop;
    }

    @Override
    public Optional<String> systemAccount() {
        return systemAccount.get();
    }

    @Override
    public Map<String, Object> stamp() {
        ServerInfo info = server.info();
        Map<String, Object> block = new LinkedHashMap<>();
        block.put("name", info.serverName());
        block.put("host", info.host());
        block.put("id", info.serverId());
        String cluster = server.clusterName();
        if (!cluster.isEmpty()) {
            block.put("cluster", cluster);
        }
        block.put("ver", info.version());
        block.put("seq", sequence.incrementAndGet());
        block.put("jetstream", false);
        block.put("time", Instant.now().toString());
        return block;
    }

    @Override
    public Registration subscribe(String account, String subject, SystemHandler handler) {
        if (!Subjects.isValidSubject(subject)) {
            throw new IllegalArgumentException("invalid subject: " + subject);
        }
        Account acc = accounts.apply(account);
        InternalSubscription sub = new InternalSubscription(this, subject, handler);
        acc.addLocal(sub);
        subscriptions.incrementAndGet();
        count(account, 0);
        return () -> {
            if (sub.cancel()) {
                acc.removeLocal(sub);
                subscriptions.decrementAndGet();
                count(account, 1);
            }
        };
    }

    @Override
    public void publish(String account, String subject, String reply, byte[] headers, byte[] payload) {
        Account acc = accounts.apply(account);
        byte[] data = new byte[(headers == null ? 0 : headers.length) + payload.length];
        int headerSize = headers == null ? 0 : headers.length;
        if (headers != null) {
            System.arraycopy(headers, 0, data, 0, headerSize);
        }
        System.arraycopy(payload, 0, data, headerSize, payload.length);
        loop.execute(() -> route(acc, subject, reply, headerSize, data));
    }

    private void route(Account acc, String subject, String reply, int headerSize, byte[] data) {
        Message message = new Message();
        message.subject = subject;
        message.reply = reply;
        message.headerSize = headerSize;
        message.payload(Unpooled.wrappedBuffer(data));
        try {
            acc.publish(this, false, message, batch);
        } catch (RuntimeException e) {
            LOG.error("Internal message to {} not routed: {}", subject, e.toString());
        } finally {
            batch.flushAll();
        }
    }

    @Override
    public Registration watchClients(ClientEvents listener) {
        watchers.add(listener);
        return () -> watchers.remove(listener);
    }

    private void count(String account, int which) {
        changes.computeIfAbsent(account, name -> new AtomicLong[] {new AtomicLong(), new AtomicLong()})[which]
                .incrementAndGet();
    }

    /** An account's index statistics without the internal subscriptions: those of its clients and links. */
    public IndexStats withoutInternal(String account, IndexStats stats) {
        AtomicLong[] counts = changes.get(account);
        if (counts == null) {
            return stats;
        }
        long removed = counts[1].get();
        long made = counts[0].get();
        return new IndexStats(stats.subscriptions() - (made - removed), stats.cache(), stats.inserts() - made,
                stats.removes() - removed, stats.matches(), stats.cacheHitRate(), stats.maxFanout(), stats.avgFanout());
    }

    /** The internal subscriptions there are now. */
    public int subscriptionCount() {
        return subscriptions.get();
    }

    /** Whether anyone would hear of a client connecting: else its view need not be made. */
    public boolean watched() {
        return !watchers.isEmpty();
    }

    public void connected(ConnectionView client) {
        watchers.forEach(watcher -> watcher.connected(client));
    }

    public void disconnected(ConnectionView client) {
        watchers.forEach(watcher -> watcher.disconnected(client));
    }
}
