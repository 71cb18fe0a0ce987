package io.switchboard.transport.websocket;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.nio.charset.StandardCharsets;

/** Client frames for tests, masked as a client masks them, and a reader of server frames. */
final class Frames {

    private static final byte[] KEY = {0x12, 0x34, 0x56, 0x78};

    private Frames() {
    }

    static ByteBuf masked(int firstByte, byte[] payload) {
        ByteBuf frame = Unpooled.buffer();
        frame.writeByte(firstByte);
        writeLength(frame, 0x80, payload.length);
        frame.writeBytes(KEY);
        for (int i = 0; i < payload.length; i++) {
            frame.writeByte(payload[i] ^ KEY[i & 3]);
        }
        return frame;
    }

    static ByteBuf masked(int firstByte, String payload) {
        return masked(firstByte, payload.getBytes(StandardCharsets.UTF_8));
    }

    static ByteBuf unmasked(int firstByte, byte[] payload) {
        ByteBuf frame = Unpooled.buffer();
        frame.writeByte(firstByte);
        writeLength(frame, 0, payload.length);
        frame.writeBytes(payload);
        return frame;
    }

    private static void writeLength(ByteBuf frame, int maskBit, int length) {
        if (length <= 125) {
            frame.writeByte(maskBit | length);
        } else if (length <= 0xFFFF) {
            frame.writeByte(maskBit | 126).writeShort(length);
        } else {
            frame.writeByte(maskBit | 127).writeLong(length);
        }
    }

    /** One frame the server sent. */
    record Frame(int firstByte, byte[] payload) {

        int opcode() {
            return firstByte & 0x0F;
        }

        boolean fin() {
            return (firstByte & 0x80) != 0;
        }

        boolean compressed() {
            return (firstByte & 0x40) != 0;
        }

        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        int closeStatus() {
            return ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        }

        String closeText() {
            return new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
        }
    }

    /** Reads the next whole frame from the bytes a server wrote, or null when there is none. */
    static Frame next(ByteBuf out) {
        if (out.readableBytes() < 2) {
            return null;
        }
        int first = out.readUnsignedByte();
        int second = out.readUnsignedByte();
        long length = second & 0x7F;
        if (length == 126) {
            length = out.readUnsignedShort();
        } else if (length == 127) {
            length = out.readLong();
        }
        byte[] payload = new byte[(int) length];
        out.readBytes(payload);
        return new Frame(first, payload);
    }
}
