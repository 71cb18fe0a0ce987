package io.switchboard.transport.websocket;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.zip.Deflater;

/**
 * permessage-deflate for what the server sends, without context takeover: each message is
 * compressed on its own, at the fastest level as nats-server does, and ends without the
 * {@code 00 00 ff ff} that RFC 7692 strips.
 */
final class MessageDeflater {

    private static final int TAIL = 4;
    private static final int STEP = 8 * 1024;

    private final Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);

    /** One compressed message made of {@code parts}, which are left as they are. */
    ByteBuf compress(ByteBufAllocator alloc, List<ByteBuf> parts, int size) {
        deflater.reset();
        ByteBuf out = alloc.heapBuffer(size / 2 + 64);
        for (ByteBuf part : parts) {
            deflater.setInput(part.nioBuffer());
            while (!deflater.needsInput()) {
                deflateInto(out, Deflater.NO_FLUSH);
            }
        }
        while (deflateInto(out, Deflater.SYNC_FLUSH)) {
            // until the flush fits the space it was given
        }
        out.writerIndex(out.writerIndex() - TAIL);
        return out;
    }

    /** Deflates into {@code out}; true when the output filled all the space it had, so more may follow. */
    private boolean deflateInto(ByteBuf out, int flush) {
        out.ensureWritable(STEP);
        int room = out.writableBytes();
        ByteBuffer target = out.nioBuffer(out.writerIndex(), room);
        int written = deflater.deflate(target, flush);
        out.writerIndex(out.writerIndex() + written);
        return written == room;
    }

    void release() {
        deflater.end();
    }
}
