package io.switchboard.core.client;

import io.switchboard.core.routing.FlushBatch;
import io.switchboard.core.routing.Interest;
import io.switchboard.core.routing.Message;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/** A client's SUB: what it listens to, under which sid, and its auto-unsubscribe count. */
final class ClientSubscription implements Interest {

    final ClientConnection client;
    final String sid;
    final byte[] sidBytes;
    private final String subject;
    private final String queue;
    private final AtomicLong counted = new AtomicLong();
    private volatile long max;
    /** Messages queued for it; counted under its connection's outbound lock, read by monitoring. */
    long delivered;

    ClientSubscription(ClientConnection client, String subject, String queue, String sid) {
        this.client = client;
        this.subject = subject;
        this.queue = queue;
        this.sid = sid;
        this.sidBytes = sid.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public String subject() {
        return subject;
    }

    @Override
    public String queue() {
        return queue;
    }

    @Override
    public Object owner() {
        return client;
    }

    @Override
    public boolean deliver(Message message, FlushBatch batch) {
        return client.deliver(this, message, batch);
    }

    long max() {
        return max;
    }

    /** Limits the subscription to {@code max} messages in all; true when it is already used up. */
    boolean limitTo(long max) {
        this.max = max;
        return counted.get() >= max;
    }

    /**
     * Counts one delivery against the auto-unsubscribe limit: negative when the limit was
     * already reached (do not deliver), 0 when this delivery reaches it, positive otherwise.
     */
    long countDelivery() {
        long limit = max;
        if (limit <= 0) {
            return 1;
        }
        long n = counted.incrementAndGet();
        return n > limit ? -1 : limit - n;
    }

    @Override
    public String toString() {
        return "sid " + sid + " on " + subject + (queue == null ? "" : " [" + queue + "]");
    }
}
