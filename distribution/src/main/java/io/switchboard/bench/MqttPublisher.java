package io.switchboard.bench;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends its share of the messages in batches as the {@link Pacer} allows. At QoS 1 a thread of
 * its own reads the PUBACKs, and the publisher is done when the broker acknowledged every message.
 */
final class MqttPublisher extends BenchClient<MqttSocket> {

    /** QoS 1 messages unacknowledged at most: packet ids must stay unique among them. */
    private static final int UNACKED = 16_384;
    private static final long PAUSE_NANOS = 20_000;

    private final MqttFrames frames;
    private final long messages;
    private final int qos;
    private final Pacer pacer;
    private final AtomicLong acked = new AtomicLong();
    private volatile IOException ackFailure;

    MqttPublisher(MqttSocket socket, MqttFrames frames, long messages, int qos, Pacer pacer) {
        super(socket);
        this.frames = frames;
        this.messages = messages;
        this.qos = qos;
        this.pacer = pacer;
    }

    @Override
    void run() throws IOException {
        Thread acks = qos > 0 ? startAckReader() : null;
        long sent = 0;
        int nextId = 1;
        while (sent < messages) {
            long room = Math.min(pacer.room(), qos > 0 ? UNACKED - (sent - acked.get()) : Long.MAX_VALUE);
            if (room <= 0) {
                failIfAcksFailed();
                LockSupport.parkNanos(PAUSE_NANOS);
                continue;
            }
            int count = (int) Math.min(Math.min(room, frames.perBatch()), messages - sent);
            socket.writeDirect(frames.batch(count, nextId));
            for (int i = 0; i < count; i++) {
                nextId = MqttFrames.nextId(nextId);
            }
            sent += count;
            counter.add(count);
        }
        if (acks != null) {
            try {
                acks.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            failIfAcksFailed();
        }
        counter.end(System.nanoTime());
    }

    private Thread startAckReader() {
        Thread thread = new Thread(() -> {
            try {
                while (acked.get() < messages) {
                    if (socket.next() == MqttSocket.PUBACK) {
                        acked.incrementAndGet();
                    }
                }
            } catch (IOException e) {
                ackFailure = e;
            }
        }, "bench-puback");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void failIfAcksFailed() throws IOException {
        IOException failure = ackFailure;
        if (failure != null) {
            throw failure;
        }
    }
}
