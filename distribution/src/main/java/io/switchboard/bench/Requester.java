package io.switchboard.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Sends requests one at a time, each after the reply to the one before, and times every round trip. */
final class Requester extends BenchClient<NatsSocket> {

    private final Frames frames;
    private final long[] latencies;

    Requester(NatsSocket socket, Frames frames, int requests) {
        super(socket);
        this.frames = frames;
        this.latencies = new long[requests];
    }

    /** Subscribes to the requester's own inbox, the reply subject its {@link Frames} carry. */
    static void subscribeInbox(NatsSocket socket, String inbox) throws IOException {
        socket.write(("SUB " + inbox + " 1\r\n").getBytes(StandardCharsets.US_ASCII));
        socket.roundTrip();
    }

    @Override
    void run() throws IOException {
        ProtocolReader reader = socket.reader();
        byte[] frame = frames.frame();
        for (int i = 0; i < latencies.length; i++) {
            long sent = System.nanoTime();
            socket.write(frame);
            socket.flush();
            while (reader.next() != ProtocolReader.Op.MSG) {
                // a PONG is not the reply
            }
            latencies[i] = System.nanoTime() - sent;
            counter.add(1);
        }
        counter.end(System.nanoTime());
    }

    /** Round-trip times in nanoseconds, in the order the requests were sent. */
    long[] latencies() {
        return latencies;
    }
}
