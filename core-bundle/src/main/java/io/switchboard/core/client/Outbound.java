package io.switchboard.core.client;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.switchboard.core.routing.Message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * A connection's outbound queue, for clients and links alike. Any thread appends (a publisher
 * matching this connection's subscriptions, from its own event loop); only this connection's
 * event loop writes to the socket. Small messages are copied into a shared chunk so one flush
 * writes many of them; large payloads are queued as slices of the publisher's buffer, shared by
 * every subscriber.
 */
public final class Outbound {

    /** Offer outcome. */
    public enum Offer { QUEUED, SLOW_CONSUMER, CLOSED }

    private static final int CHUNK = 32 * 1024;
    private static final int SHARE_PAYLOAD_FROM = 4 * 1024;
    private static final byte[] CRLF = {'\r', '\n'};

    private final Channel channel;
    private final Runnable flushTask = this::flush;
    private volatile long maxPending;

    private ArrayDeque<ByteBuf> queued = new ArrayDeque<>();
    private ArrayDeque<ByteBuf> draining = new ArrayDeque<>();
    private ByteBuf chunk;
    private long queuedBytes;
    private boolean flushScheduled;
    private boolean closed;

    /** The publisher that last marked this queue for a flush at the end of its read batch. */
    volatile Object lastToucher;

    public Outbound(Channel channel, long maxPending) {
        this.channel = channel;
        this.maxPending = maxPending;
    }

    void maxPending(long bytes) {
        this.maxPending = bytes;
    }

    /** Queues a protocol line (INFO, PING, +OK, -ERR...). */
    public synchronized Offer offer(byte[] bytes) {
        if (closed) {
            return Offer.CLOSED;
        }
        ensureChunk(bytes.length).writeBytes(bytes);
        queuedBytes += bytes.length;
        return Offer.QUEUED;
    }

    /**
     * Queues one {@code MSG} or {@code HMSG}; a subscriber without header support gets the
     * payload alone, as a MSG. A large payload is kept by reference, so the caller may release
     * its own hold afterwards.
     */
    Offer offerMessage(byte[] sid, Message msg, boolean headers) {
        int headerSize = msg.headerSize;
        boolean withHeaders = headers && headerSize > 0;
        int skip = withHeaders ? 0 : headerSize;
        int size = msg.size() - skip;
        ByteBuf data = msg.data;
        String subject = msg.subject;
        String reply = msg.reply;
        int lineEstimate = 48 + subject.length() + sid.length + (reply == null ? 0 : reply.length());
        boolean share = size >= SHARE_PAYLOAD_FROM;
        int total = lineEstimate + size + 2;
        synchronized (this) {
            if (closed) {
                return Offer.CLOSED;
            }
            if (queuedBytes + nettyPending() + total > maxPending) {
                return Offer.SLOW_CONSUMER;
            }
            ByteBuf out = ensureChunk(share ? lineEstimate : total);
            int start = out.writerIndex();
            out.writeBytes(withHeaders ? HMSG : MSG);
            out.writeCharSequence(subject, StandardCharsets.ISO_8859_1);
            out.writeByte(' ');
            out.writeBytes(sid);
            out.writeByte(' ');
            if (reply != null) {
                out.writeCharSequence(reply, StandardCharsets.ISO_8859_1);
                out.writeByte(' ');
            }
            if (withHeaders) {
                writeDecimal(out, headerSize, msg.headerDigits);
                out.writeByte(' ');
            }
            writeDecimal(out, size, skip == 0 ? msg.totalDigits : 0);
            out.writeBytes(CRLF);
            appendPayload(out, start, data, data.readerIndex() + skip, size, share);
            return Offer.QUEUED;
        }
    }

    /**
     * Queues a control line (without its CRLF), then {@code data} and a CRLF: how a link sends
     * {@code RMSG} and its kin. A large payload is kept by reference, as in {@link #offerMessage}.
     */
    public Offer offerFrame(byte[] line, ByteBuf data) {
        int size = data.readableBytes();
        boolean share = size >= SHARE_PAYLOAD_FROM;
        int total = line.length + 2 + size + 2;
        synchronized (this) {
            if (closed) {
                return Offer.CLOSED;
            }
            if (queuedBytes + nettyPending() + total > maxPending) {
                return Offer.SLOW_CONSUMER;
            }
            ByteBuf out = ensureChunk(share ? line.length + 2 : total);
            int start = out.writerIndex();
            out.writeBytes(line).writeBytes(CRLF);
            appendPayload(out, start, data, data.readerIndex(), size, share);
            return Offer.QUEUED;
        }
    }

    /** Ends a frame whose control line starts at {@code start}: the payload, then CRLF. */
    private void appendPayload(ByteBuf out, int start, ByteBuf data, int from, int size, boolean share) {
        if (share) {
            queuedBytes += out.writerIndex() - start;
            seal();
            queued.add(data.retainedSlice(from, size));
            queuedBytes += size;
            ensureChunk(2).writeBytes(CRLF);
            queuedBytes += 2;
        } else {
            out.writeBytes(data, from, size);
            out.writeBytes(CRLF);
            queuedBytes += out.writerIndex() - start;
        }
    }

    private static final byte[] MSG = "MSG ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HMSG = "HMSG ".getBytes(StandardCharsets.US_ASCII);

    /** Writes {@code value} in decimal, padded with zeros to {@code width} digits. */
    private static void writeDecimal(ByteBuf out, int value, int width) {
        int digits = 1;
        for (int v = value; v >= 10; v /= 10) {
            digits++;
        }
        digits = Math.max(digits, width);
        int at = out.writerIndex() + digits;
        out.ensureWritable(digits);
        int v = value;
        for (int i = 0; i < digits; i++) {
            out.setByte(--at, '0' + v % 10);
            v /= 10;
        }
        out.writerIndex(out.writerIndex() + digits);
    }

    private ByteBuf ensureChunk(int needed) {
        if (chunk != null && chunk.writableBytes() < needed && chunk.isReadable()) {
            seal();
        }
        if (chunk == null) {
            chunk = channel.alloc().directBuffer(Math.max(CHUNK, needed));
        }
        return chunk;
    }

    private void seal() {
        if (chunk != null) {
            if (chunk.isReadable()) {
                queued.add(chunk);
            } else {
                chunk.release();
            }
            chunk = null;
        }
    }

    /** Bytes this connection still owes its peer: queued here plus written but not yet sent. */
    public long pendingBytes() {
        synchronized (this) {
            return queuedBytes + nettyPending();
        }
    }

    private long nettyPending() {
        ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
        return buffer == null ? 0 : buffer.totalPendingWriteBytes();
    }

    boolean hasQueued() {
        synchronized (this) {
            return queuedBytes > 0;
        }
    }

    /** Asks this connection's event loop to write what is queued; at most one request is in flight. */
    public void requestFlush() {
        synchronized (this) {
            if (flushScheduled || closed || queuedBytes == 0) {
                return;
            }
            flushScheduled = true;
        }
        if (channel.eventLoop().inEventLoop()) {
            flush();
        } else {
            channel.eventLoop().execute(flushTask);
        }
    }

    /** Writes everything queued to the channel; runs on the channel's event loop. */
    public void flush() {
        ArrayDeque<ByteBuf> batch;
        synchronized (this) {
            flushScheduled = false;
            if (closed) {
                return;
            }
            seal();
            batch = queued;
            queued = draining;
            draining = batch;
            queuedBytes = 0;
        }
        if (batch.isEmpty()) {
            return;
        }
        ByteBuf buf;
        while ((buf = batch.poll()) != null) {
            channel.write(buf, channel.voidPromise());
        }
        channel.flush();
    }

    /** Drops whatever is still queued; later offers answer CLOSED. */
    public void close() {
        synchronized (this) {
            closed = true;
            if (chunk != null) {
                chunk.release();
                chunk = null;
            }
            ByteBuf buf;
            while ((buf = queued.poll()) != null) {
                buf.release();
            }
            queuedBytes = 0;
        }
    }
}
