package io.switchboard.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * The writing half of a bench connection, whatever it speaks: bytes queue in one direct buffer
 * and reach the socket in one write when the buffer is full or flushed, so that a client sends
 * many messages per system call.
 */
final class SocketWriter {

    private static final int BUFFER = 64 * 1024;

    private final SocketChannel channel;
    private final ByteBuffer out = ByteBuffer.allocateDirect(BUFFER);

    SocketWriter(SocketChannel channel) {
        this.channel = channel;
    }

    /** Queues bytes, writing out whatever is already queued when they do not fit. */
    void write(byte[] bytes) throws IOException {
        write(bytes, 0, bytes.length);
    }

    void write(byte[] bytes, int from, int length) throws IOException {
        while (length > 0) {
            if (!out.hasRemaining()) {
                flush();
            }
            int n = Math.min(length, out.remaining());
            out.put(bytes, from, n);
            from += n;
            length -= n;
        }
    }

    /** Writes a whole buffer of ready messages straight to the socket, after what is queued. */
    void writeDirect(ByteBuffer ready) throws IOException {
        flush();
        while (ready.hasRemaining()) {
            channel.write(ready);
        }
    }

    void flush() throws IOException {
        out.flip();
        while (out.hasRemaining()) {
            channel.write(out);
        }
        out.clear();
    }
}
