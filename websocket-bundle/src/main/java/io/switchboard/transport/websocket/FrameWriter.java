package io.switchboard.transport.websocket;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.switchboard.core.spi.transport.CloseReason;

import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Frames what the NATS protocol writes. Everything written between two flushes goes out as one
 * binary message, compressed when that was negotiated and it is worth it, in frames no larger
 * than the client takes. When the core closes the channel for a reason it names, a close frame
 * with nats-server's status and text goes last.
 */
final class FrameWriter extends ChannelOutboundHandlerAdapter {

    /** nats-server sends small messages uncompressed. */
    private static final int COMPRESS_ABOVE = 64;
    /** How long a close frame may take to leave before the connection is cut anyway. */
    private static final long CLOSE_GRACE_MILLIS = 1_000;

    private final Negotiated negotiated;
    private final MessageDeflater deflater;
    private final List<ByteBuf> pending = new ArrayList<>();
    private final List<ChannelPromise> waiting = new ArrayList<>();
    private int pendingBytes;
    private ChannelHandlerContext ctx;
    private boolean closeSent;
    private boolean closed;

    FrameWriter(Negotiated negotiated) {
        this.negotiated = negotiated;
        this.deflater = negotiated.compress() ? new MessageDeflater() : null;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        pending.forEach(ByteBuf::release);
        pending.clear();
        if (deflater != null) {
            deflater.release();
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof ByteBuf buf)) {
            ctx.write(msg, promise);
            return;
        }
        if (closeSent) {
            buf.release();
            promise.tryFailure(new ClosedChannelException());
            return;
        }
        if (!buf.isReadable() && pending.isEmpty()) {
            ctx.write(buf, promise);
            return;
        }
        if (buf.isReadable()) {
            pending.add(buf);
            pendingBytes += buf.readableBytes();
        } else {
            buf.release();
        }
        if (!promise.isVoid()) {
            waiting.add(promise);
        }
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        writePending();
        ctx.flush();
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        CloseReason reason = ctx.channel().attr(CloseReason.KEY).get();
        if (closeSent || reason == null || !ctx.channel().isActive()) {
            closeNow(promise);
            return;
        }
        closeWith(CloseStatus.of(reason), reason.text(), promise);
    }

    /** Answers a ping. */
    void pong(byte[] payload) {
        if (!closeSent) {
            ctx.writeAndFlush(frame(Opcodes.PONG, payload));
        }
    }

    /** Sends what is pending, then a close frame, then closes the connection. */
    void closeWith(int status, String text) {
        closeWith(status, text, ctx.newPromise());
    }

    private void closeWith(int status, String text, ChannelPromise promise) {
        writePending();
        closeSent = true;
        ChannelFuture written = ctx.writeAndFlush(frame(Opcodes.CLOSE, CloseStatus.payload(status, text)));
        var grace = ctx.executor().schedule(() -> closeNow(promise), CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        written.addListener(f -> {
            grace.cancel(false);
            closeNow(promise);
        });
    }

    private void closeNow(ChannelPromise promise) {
        if (closed) {
            promise.trySuccess();
            return;
        }
        closed = true;
        ctx.close(promise);
    }

    private void writePending() {
        if (pending.isEmpty()) {
            completeWaiting(ctx.newSucceededFuture());
            return;
        }
        ChannelPromise done = ctx.newPromise();
        completeWaiting(done);
        if (deflater != null && pendingBytes > COMPRESS_ABOVE) {
            ByteBuf compressed = deflater.compress(ctx.alloc(), pending, pendingBytes);
            pending.forEach(ByteBuf::release);
            writeMessage(compressed, true, negotiated.fragmentCompressed(), done);
        } else {
            CompositeByteBuf message = ctx.alloc().compositeBuffer(Math.max(pending.size(), 2));
            message.addComponents(true, pending);
            writeMessage(message, false, true, done);
        }
        pending.clear();
        pendingBytes = 0;
    }

    /**
     * Writes one message. Where frames are limited in size, an uncompressed message is cut into
     * complete messages and a compressed one into fragments, as nats-server does.
     */
    private void writeMessage(ByteBuf message, boolean compressed, boolean mayCut, ChannelPromise done) {
        int max = negotiated.maxFrameSize();
        if (max == 0 || !mayCut || message.readableBytes() <= max) {
            ctx.write(header(Opcodes.FIN | (compressed ? Opcodes.RSV1 : 0) | Opcodes.BINARY, message.readableBytes()));
            ctx.write(message, done);
            return;
        }
        boolean first = true;
        while (message.isReadable()) {
            int size = Math.min(max, message.readableBytes());
            boolean last = size == message.readableBytes();
            int b0 = compressed
                    ? (first ? Opcodes.RSV1 | Opcodes.BINARY : Opcodes.CONTINUATION) | (last ? Opcodes.FIN : 0)
                    : Opcodes.FIN | Opcodes.BINARY;
            ctx.write(header(b0, size));
            ctx.write(message.readRetainedSlice(size), last ? done : ctx.voidPromise());
            first = false;
        }
        message.release();
    }

    private void completeWaiting(ChannelFuture done) {
        if (waiting.isEmpty()) {
            return;
        }
        List<ChannelPromise> promises = List.copyOf(waiting);
        waiting.clear();
        done.addListener(f -> promises.forEach(p -> {
            if (f.isSuccess()) {
                p.trySuccess();
            } else {
                p.tryFailure(f.cause());
            }
        }));
    }

    private ByteBuf frame(int opcode, byte[] payload) {
        ByteBuf frame = header(Opcodes.FIN | opcode, payload.length);
        frame.writeBytes(payload);
        return frame;
    }

    /** A server's frame header: never masked. */
    private ByteBuf header(int firstByte, int length) {
        ByteBuf header = ctx.alloc().buffer(10 + (length <= 125 ? length : 0));
        header.writeByte(firstByte);
        if (length <= 125) {
            header.writeByte(length);
        } else if (length <= 0xFFFF) {
            header.writeByte(126).writeShort(length);
        } else {
            header.writeByte(127).writeLong(length);
        }
        return header;
    }
}
