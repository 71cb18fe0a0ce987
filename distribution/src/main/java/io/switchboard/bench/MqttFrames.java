package io.switchboard.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A publisher's PUBLISH packets, built once like {@link Frames}: every packet of a run is the
 * same bytes but for the packet id of a QoS 1 message, which is written into the buffer before
 * each batch goes out.
 */
final class MqttFrames {

    private static final int TARGET = 64 * 1024;

    private final int frameLength;
    private final int idOffset;
    private final int perBatch;
    private final ByteBuffer batch;

    MqttFrames(String topic, int qos, int size) {
        byte[] name = topic.getBytes(StandardCharsets.UTF_8);
        int remaining = 2 + name.length + (qos > 0 ? 2 : 0) + size;
        byte[] length = remainingLength(remaining);
        byte[] frame = new byte[1 + length.length + remaining];
        frame[0] = (byte) (0x30 | qos << 1);
        System.arraycopy(length, 0, frame, 1, length.length);
        int at = 1 + length.length;
        frame[at++] = (byte) (name.length >>> 8);
        frame[at++] = (byte) name.length;
        System.arraycopy(name, 0, frame, at, name.length);
        at += name.length;
        idOffset = qos > 0 ? at : -1;
        at += qos > 0 ? 2 : 0;
        for (int i = 0; at + i < frame.length; i++) {
            frame[at + i] = (byte) ('a' + i % 26);
        }
        frameLength = frame.length;
        perBatch = Math.max(1, TARGET / frame.length);
        batch = ByteBuffer.allocateDirect(perBatch * frame.length);
        for (int i = 0; i < perBatch; i++) {
            batch.put(frame);
        }
        batch.flip();
    }

    /** How many messages one batch holds at most. */
    int perBatch() {
        return perBatch;
    }

    /**
     * The first {@code count} messages of the batch, ready to write; QoS 1 ones numbered
     * from {@code firstId} on, 65535 followed by 1 (0 is no packet id).
     */
    ByteBuffer batch(int count, int firstId) {
        if (idOffset >= 0) {
            int id = firstId;
            for (int i = 0; i < count; i++) {
                batch.putShort(i * frameLength + idOffset, (short) id);
                id = nextId(id);
            }
        }
        return batch.duplicate().limit(count * frameLength);
    }

    static int nextId(int id) {
        return id == 65535 ? 1 : id + 1;
    }

    /** MQTT's variable-length form of a packet's remaining length: 7 bits a byte, low first. */
    static byte[] remainingLength(int value) {
        byte[] out = new byte[4];
        int n = 0;
        do {
            int digit = value & 0x7f;
            value >>>= 7;
            out[n++] = (byte) (value > 0 ? digit | 0x80 : digit);
        } while (value > 0);
        return Arrays.copyOf(out, n);
    }
}
