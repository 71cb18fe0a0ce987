package io.switchboard.core.client;

import io.netty.channel.Channel;
import io.netty.util.concurrent.ScheduledFuture;
import io.switchboard.core.routing.DeferredFlush;

import java.util.concurrent.TimeUnit;

/**
 * Holds a publisher back while a subscriber it feeds drains a backlog: the publisher's
 * connection stops reading (its thread never waits), so its client feels TCP back pressure,
 * until the backlog is down to half its threshold, for {@link #MAX_HOLD_NANOS} at most each
 * time. A subscriber whose socket takes nothing for {@link #STALL_NANOS} is not waited for:
 * the publisher goes on, does not wait for it again until it drains, and the subscriber is
 * left to reach max_pending and be cut. Progress is seen in steps as large as a third of the
 * kernel's send buffer, hence the generous stall time.
 */
final class Pacing {

    static final long STALL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    static final long MAX_HOLD_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long POLL_MICROS = 500;

    private final Channel channel;
    private final ReadHolds reads;
    private DeferredFlush awaited;
    private ScheduledFuture<?> poll;
    private long heldSince;
    // Progress of the subscriber waited for last, kept across holds for the same one.
    private DeferredFlush watched;
    private long sent;
    private long lastProgress;

    Pacing(Channel channel, ReadHolds reads) {
        this.channel = channel;
        this.reads = reads;
    }

    /** Stops reading until {@code backlogged} drains; null means nothing to wait for. On the publisher's loop. */
    void holdFor(DeferredFlush backlogged) {
        if (backlogged == null || awaited != null || !channel.isActive()) {
            return;
        }
        awaited = backlogged;
        heldSince = System.nanoTime();
        if (watched != backlogged) {
            watched = backlogged;
            sent = backlogged.sentBytes();
            lastProgress = heldSince;
        }
        reads.hold(ReadHolds.Reason.PACING);
        poll = channel.eventLoop().scheduleAtFixedRate(this::check, POLL_MICROS, POLL_MICROS, TimeUnit.MICROSECONDS);
    }

    private void check() {
        if (awaited.drained() || !channel.isActive()) {
            release();
            return;
        }
        long now = System.nanoTime();
        long nowSent = awaited.sentBytes();
        if (nowSent > sent) {
            sent = nowSent;
            lastProgress = now;
        }
        if (now - lastProgress > STALL_NANOS) {
            awaited.stalled();
            watched = null;
            release();
        } else if (now - heldSince > MAX_HOLD_NANOS) {
            release();
        }
    }

    private void release() {
        poll.cancel(false);
        poll = null;
        awaited = null;
        reads.release(ReadHolds.Reason.PACING);
    }
}
