package io.switchboard.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A publisher's messages, built once: every {@code PUB} of a run is the same bytes, so a
 * buffer of whole frames is built up front and written again and again.
 */
final class Frames {

    private static final int TARGET = 64 * 1024;

    private final byte[] frame;
    private final ByteBuffer batch;
    private final int perBatch;

    Frames(String subject, String reply, int size) {
        byte[] line = ("PUB " + subject + (reply == null ? "" : " " + reply) + " " + size + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        frame = new byte[line.length + size + 2];
        System.arraycopy(line, 0, frame, 0, line.length);
        for (int i = 0; i < size; i++) {
            frame[line.length + i] = (byte) ('a' + i % 26);
        }
        frame[frame.length - 2] = '\r';
        frame[frame.length - 1] = '\n';
        perBatch = Math.max(1, TARGET / frame.length);
        batch = ByteBuffer.allocateDirect(perBatch * frame.length);
        for (int i = 0; i < perBatch; i++) {
            batch.put(frame);
        }
        batch.flip();
    }

    /** One message. */
    byte[] frame() {
        return frame;
    }

    /** How many messages {@link #batch()} holds. */
    int perBatch() {
        return perBatch;
    }

    /** A buffer of {@link #perBatch()} messages, ready to write. */
    ByteBuffer batch() {
        return batch.duplicate();
    }
}
