package io.switchboard.bench;

import java.io.IOException;
import java.nio.ByteBuffer;

/** Sends its share of the messages as fast as the socket takes them, then waits for the server to have read them all. */
final class Publisher extends BenchClient<NatsSocket> {

    private final Frames frames;
    private final long messages;

    Publisher(NatsSocket socket, Frames frames, long messages) {
        super(socket);
        this.frames = frames;
        this.messages = messages;
    }

    @Override
    void run() throws IOException {
        long left = messages;
        int perBatch = frames.perBatch();
        while (left >= perBatch) {
            ByteBuffer batch = frames.batch();
            socket.writeDirect(batch);
            left -= perBatch;
            counter.add(perBatch);
        }
        for (; left > 0; left--) {
            socket.write(frames.frame());
        }
        socket.roundTrip();
        counter.add(messages - counter.count());
        counter.end(System.nanoTime());
    }
}
