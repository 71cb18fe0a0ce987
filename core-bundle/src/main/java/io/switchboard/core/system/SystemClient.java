package io.switchboard.core.system;

import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import io.switchboard.core.routing.Account;
import io.switchboard.core.routing.FlushBatch;
import io.switchboard.core.routing.Message;
import io.switchboard.core.spi.monitor.ConnectionView;
import io.switchboard.core.spi.system.ClientEvents;
import io.switchboard.core.spi.system.Registration;
import io.switchboard.core.spi.system.SystemHandler;
import io.switchboard.core.spi.system.SystemHost;
import io.switchboard.core.subject.Subjects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
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

    /** {@code accounts} finds or makes an account by name; {@code loop} is where this client publishes. */
    public SystemClient(Function<String, Account> accounts, Supplier<Optional<String>> systemAccount, EventLoop loop) {
        this.accounts = accounts;
        this.systemAccount = systemAccount;
        this.loop = loop;
    }

    @Override
    public Optional<String> systemAccount() {
        return systemAccount.get();
    }

    @Override
    public Registration subscribe(String account, String subject, SystemHandler handler) {
        if (!Subjects.isValidSubject(subject)) {
            throw new IllegalArgumentException("invalid subject: " + subject);
        }
        Account acc = accounts.apply(account);
        InternalSubscription sub = new InternalSubscription(this, subject, handler);
        acc.addLocal(sub);
        return () -> {
            sub.cancel();
            acc.removeLocal(sub);
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
