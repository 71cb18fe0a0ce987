package io.switchboard.bench;

import java.io.IOException;

/** Counts the PUBLISH packets its subscription receives, acknowledging QoS 1 ones, until it has them all. */
final class MqttSubscriber extends BenchClient<MqttSocket> {

    private final Tally tally;
    private final long expected;
    private long unreported;

    MqttSubscriber(MqttSocket socket, Tally tally, long expected) {
        super(socket);
        this.tally = tally;
        this.expected = expected;
        socket.beforeBlocking(this::reportBeforeBlocking);
    }

    @Override
    void run() throws IOException {
        long received = 0;
        while (received < expected) {
            if (socket.next() == MqttSocket.PUBLISH) {
                if (socket.qos() > 0) {
                    socket.puback(socket.packetId());
                }
                received++;
                unreported++;
                counter.add(1);
            }
        }
        socket.flush();
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
