package io.switchboard.core.spi.transport;

import io.netty.channel.Channel;

import java.util.concurrent.TimeUnit;

/**
 * Lets the other connections of an event loop have their turn once this one has read a large
 * batch: clients, routes, gateways, leaf nodes and MQTT connections alike. Netty's epoll
 * transport reads a connection that has more waiting up to sixteen times in a row, and again
 * from the loop's task queue before the loop polls its other connections: behind a peer that
 * never pauses, a request waits that long at each of its hops. Once a batch reaches
 * {@link #YIELD_AFTER} the connection stops reading, so Netty ends the batch there, and reads
 * again in the loop's next round: each busy connection gets one read's worth per round, as
 * nats-server's one reader per connection gets its share.
 */
public final class ReadTurns {

    /** The largest read Netty makes: a batch that size means the socket keeps filling. */
    public static final int YIELD_AFTER = 64 * 1024;

    /** How a connection stops reading and reads again. */
    public interface Reads {
        void hold();

        void release();
    }

    private final Channel channel;
    private final Reads reads;
    private final Runnable resume = this::resume;
    private int batchBytes;
    private boolean holding;

    /** For a connection whose reads nothing else holds: its channel's auto-read is turned off and on. */
    public ReadTurns(Channel channel) {
        this(channel, new Reads() {
            @Override
            public void hold() {
                channel.config().setAutoRead(false);
            }

            @Override
            public void release() {
                if (channel.isActive()) {
                    channel.config().setAutoRead(true);
                }
            }
        });
    }

    /** For a connection that holds its reads for other reasons too, and reads again when none is left. */
    public ReadTurns(Channel channel, Reads reads) {
        this.channel = channel;
        this.reads = reads;
    }

    /** Counts a read of {@code bytes}; the one that takes the batch to {@link #YIELD_AFTER} is its last. */
    public void read(int bytes) {
        batchBytes += bytes;
        if (batchBytes >= YIELD_AFTER && !holding) {
            holding = true;
            reads.hold();
        }
    }

    /**
     * Ends a read batch: after a large one, reading waits for the loop's next round. A scheduled
     * task, unlike a plain one, runs only after the loop has polled its connections again.
     */
    public void endBatch() {
        batchBytes = 0;
        if (holding && channel.isActive()) {
            channel.eventLoop().schedule(resume, 0, TimeUnit.NANOSECONDS);
        }
    }

    private void resume() {
        if (holding) {
            holding = false;
            reads.release();
        }
    }
}
