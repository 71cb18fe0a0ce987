package io.switchboard.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;

/**
 * Reads what a server sends to a client, one operation at a time: MSG (payload skipped, the
 * reply subject kept), PONG, and the ones it handles itself (PING is answered, INFO and +OK
 * are ignored, -ERR ends the connection with the server's text).
 */
final class ProtocolReader {

    /** What {@link #next()} found. */
    enum Op { MSG, PONG }

    /** Called before every read that may block: whatever is queued for the server goes out first. */
    interface BeforeBlocking {
        void run() throws IOException;
    }

    /** Answers a PING from the server. */
    interface PingHandler {
        void run() throws IOException;
    }

    private static final int BUFFER = 256 * 1024;

    private final ReadableByteChannel channel;
    private final PingHandler onPing;
    private final ByteBuffer in = ByteBuffer.allocate(BUFFER).flip();
    private BeforeBlocking beforeBlocking = () -> { };
    private byte[] reply = new byte[64];
    private int replyLength = -1;
    private int size;
    private final int[] from = new int[5];
    private final int[] to = new int[5];

    ProtocolReader(ReadableByteChannel channel, PingHandler onPing) {
        this.channel = channel;
        this.onPing = onPing;
    }

    void beforeBlocking(BeforeBlocking hook) {
        this.beforeBlocking = hook;
    }

    /** Reads up to the next MSG or PONG, handling everything else on the way. */
    Op next() throws IOException {
        while (true) {
            int nl = lineEnd();
            byte[] a = in.array();
            int start = in.position();
            int end = nl > start && a[nl - 1] == '\r' ? nl - 1 : nl;
            in.position(nl + 1);
            switch (a[start]) {
                case 'M', 'm' -> {
                    readMsgLine(a, start, end);
                    skip(size + 2L);
                    return Op.MSG;
                }
                case 'P', 'p' -> {
                    if (end - start >= 4 && (a[start + 1] == 'I' || a[start + 1] == 'i')) {
                        onPing.run();
                    } else {
                        return Op.PONG;
                    }
                }
                case '-' -> throw new IOException("server error: " + new String(a, start, end - start, StandardCharsets.UTF_8));
                default -> {
                    // INFO and +OK need no answer
                }
            }
        }
    }

    /** Reads the server's greeting. */
    void expectInfo() throws IOException {
        int nl = lineEnd();
        byte[] a = in.array();
        if (nl - in.position() < 4 || a[in.position()] != 'I') {
            throw new IOException("not a NATS server: no INFO");
        }
        in.position(nl + 1);
    }

    void awaitPong() throws IOException {
        while (next() != Op.PONG) {
            // a message that arrives meanwhile is not what the caller waits for
        }
    }

    /** Bytes of the last MSG's payload. */
    int size() {
        return size;
    }

    /** The reply subject of the last MSG, in {@link #replyBytes()}; -1 when it had none. */
    int replyLength() {
        return replyLength;
    }

    byte[] replyBytes() {
        return reply;
    }

    /** {@code MSG <subject> <sid> [reply] <size>}: keeps the reply and the size. */
    private void readMsgLine(byte[] a, int start, int end) throws IOException {
        int n = 0;
        int i = start;
        while (i < end && n < 5) {
            while (i < end && a[i] == ' ') {
                i++;
            }
            if (i == end) {
                break;
            }
            from[n] = i;
            while (i < end && a[i] != ' ') {
                i++;
            }
            to[n++] = i;
        }
        if (n != 4 && n != 5) {
            throw new IOException("bad MSG line: " + new String(a, start, end - start, StandardCharsets.UTF_8));
        }
        size = parseSize(a, from[n - 1], to[n - 1]);
        if (n == 5) {
            replyLength = to[3] - from[3];
            if (reply.length < replyLength) {
                reply = new byte[replyLength];
            }
            System.arraycopy(a, from[3], reply, 0, replyLength);
        } else {
            replyLength = -1;
        }
    }

    private static int parseSize(byte[] a, int from, int to) throws IOException {
        int value = 0;
        for (int i = from; i < to; i++) {
            int d = a[i] - '0';
            if (d < 0 || d > 9) {
                throw new IOException("bad message size");
            }
            value = value * 10 + d;
        }
        return value;
    }

    /** The index of the next LF, reading more until there is one. */
    private int lineEnd() throws IOException {
        int from = in.position();
        while (true) {
            byte[] a = in.array();
            for (int i = from; i < in.limit(); i++) {
                if (a[i] == '\n') {
                    return i;
                }
            }
            from = in.limit() - in.position();
            if (!fill()) {
                throw NatsSocket.closedBy("reading a control line");
            }
        }
    }

    private void skip(long bytes) throws IOException {
        while (true) {
            int take = (int) Math.min(bytes, in.remaining());
            in.position(in.position() + take);
            bytes -= take;
            if (bytes == 0) {
                return;
            }
            if (!fill()) {
                throw NatsSocket.closedBy("reading a payload");
            }
        }
    }

    /** Reads more after what is unread, which moves to the start; false at the end of the stream. */
    private boolean fill() throws IOException {
        in.compact();
        try {
            if (in.position() == in.capacity()) {
                throw new IOException("control line longer than " + BUFFER + " bytes");
            }
            beforeBlocking.run();
            return channel.read(in) >= 0;
        } finally {
            in.flip();
        }
    }
}
