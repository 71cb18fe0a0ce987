package io.switchboard.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Answers every request with a payload of the same size. Replies to the requests of one read
 * are written together, just before the replier would wait for more.
 */
final class Replier extends BenchClient<NatsSocket> {

    private static final byte[] PUB = "PUB ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CRLF = {'\r', '\n'};

    private final byte[] payload;
    private final byte[] digits = new byte[12];

    Replier(NatsSocket socket, int size) {
        super(socket);
        this.payload = new byte[size];
        socket.reader().beforeBlocking(socket::flush);
    }

    @Override
    void run() throws IOException {
        ProtocolReader reader = socket.reader();
        while (true) {
            if (reader.next() == ProtocolReader.Op.MSG && reader.replyLength() >= 0) {
                socket.write(PUB);
                socket.write(reader.replyBytes(), 0, reader.replyLength());
                int from = decimal(payload.length);
                socket.write(digits, from, digits.length - from);
                socket.write(payload);
                socket.write(CRLF);
                counter.add(1);
            }
        }
    }

    /** Writes {@code " <n>\r\n"} at the end of {@link #digits}; returns where it starts. */
    private int decimal(int n) {
        int at = digits.length;
        digits[--at] = '\n';
        digits[--at] = '\r';
        do {
            digits[--at] = (byte) ('0' + n % 10);
            n /= 10;
        } while (n > 0);
        digits[--at] = ' ';
        return at;
    }
}
