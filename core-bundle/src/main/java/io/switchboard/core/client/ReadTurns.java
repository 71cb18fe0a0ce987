package io.switchboard.core.client;

import io.netty.channel.Channel;

import java.util.concurrent.TimeUnit;

/**
 * Lets the other connections of an event loop have their turn after this one read a large
 * batch. Netty's epoll transport reads a connection that has more waiting again from the loop's
 * task queue, many batches in a row before the loop polls its other connections: behind a
 * publisher that never pauses, a request waits that long for each of its hops. After such a batch the connection stops
 * reading until the loop's next round, so each busy connection gets one batch per round, as
 * nats-server's one reader per connection gets its share.
 */
final class ReadTurns {

    /** Four of the largest reads Netty makes: a batch that size means the socket keeps filling. */
    static final int YIELD_AFTER = 256 * 1024;

    private final Channel channel;
    private final ReadHolds reads;
    private final Runnable resume = this::resume;
    private int batchBytes;

    ReadTurns(Channel channel, ReadHolds reads) {
        this.channel = channel;
        this.reads = reads;
    }

    void read(int bytes) {
        batchBytes += bytes;
    }

    /**
     * Ends a read batch: after a large one, reading waits for the loop's next round. A scheduled
     * task, unlike a plain one, runs only after the loop has polled its connections again.
     */
    void endBatch() {
        if (batchBytes >= YIELD_AFTER && channel.isActive()) {
            reads.hold(ReadHolds.Reason.TURN);
            channel.eventLoop().schedule(resume, 0, TimeUnit.NANOSECONDS);
        }
        batchBytes = 0;
    }

    private void resume() {
        reads.release(ReadHolds.Reason.TURN);
    }
}
