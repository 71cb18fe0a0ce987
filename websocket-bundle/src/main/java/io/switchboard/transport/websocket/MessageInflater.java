package io.switchboard.transport.websocket;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;

import java.util.function.Consumer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * permessage-deflate for what a client sends, without context takeover: each message starts a
 * fresh stream. A message is inflated while its frames arrive and handed on in chunks, so a
 * large message never sits in memory whole and the NATS parser applies its limits as it goes.
 */
final class MessageInflater {

    private static final ByteBuf TAIL = Unpooled.unreleasableBuffer(
            Unpooled.wrappedBuffer(new byte[] {0, 0, (byte) 0xff, (byte) 0xff}).asReadOnly());
    private static final int CHUNK = 16 * 1024;

    private final Inflater inflater = new Inflater(true);

    void startMessage() {
        inflater.reset();
    }

    /** Inflates part of a message, handing every chunk of output to {@code sink}, which owns it. */
    void inflate(ByteBuf compressed, ByteBufAllocator alloc, Consumer<ByteBuf> sink) throws DataFormatException {
        inflater.setInput(compressed.nioBuffer());
        boolean outputFilled;
        do {
            ByteBuf out = alloc.buffer(CHUNK);
            int room = out.writableBytes();
            int written;
            try {
                written = inflater.inflate(out.nioBuffer(0, room));
            } catch (DataFormatException e) {
                out.release();
                throw e;
            }
            if (written > 0) {
                out.writerIndex(written);
                sink.accept(out);
            } else {
                out.release();
            }
            if (inflater.needsDictionary()) {
                throw new DataFormatException("a preset dictionary is not part of permessage-deflate");
            }
            outputFilled = written == room;
        } while (outputFilled && !inflater.finished());
    }

    /** Ends a message with the bytes RFC 7692 has the sender strip. */
    void finishMessage(ByteBufAllocator alloc, Consumer<ByteBuf> sink) throws DataFormatException {
        inflate(TAIL.duplicate(), alloc, sink);
    }

    void release() {
        inflater.end();
    }
}
