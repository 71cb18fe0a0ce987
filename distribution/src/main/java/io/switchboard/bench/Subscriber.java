package io.switchboard.bench;

import java.io.IOException;

/**
 * Counts the messages its subscription receives. A plain subscriber stops at {@code expected};
 * a queue group member cannot know its share and reads until the run closes its socket.
 */
final class Subscriber extends BenchClient<NatsSocket> {

    private final Tally tally;
    private final long expected;
    private long unreported;

    /** {@code expected} is 0 for a queue group member. */
    Subscriber(NatsSocket socket, Tally tally, long expected) {
        super(socket);
        this.tally = tally;
        this.expected = expected;
        socket.reader().beforeBlocking(this::reportBeforeBlocking);
    }

    @Override
    void run() throws IOException {
        ProtocolReader reader = socket.reader();
        long received = 0;
        while (expected == 0 || received < expected) {
            if (reader.next() == ProtocolReader.Op.MSG) {
                received++;
                unreported++;
                counter.add(1);
            }
        }
        counter.end(System.nanoTime());
        tally.report(unreported);
    }

    private void reportBeforeBlocking() throws IOException {
        socket.flush();
        if (unreported > 0) {
            counter.end(System.nanoTime());
            tally.report(unreported);
            unreported = 0;
        }
    }
}
