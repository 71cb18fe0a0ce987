package io.switchboard.core.client;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.switchboard.core.routing.DeferredFlush;
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
public final class Outbound extends DeferredFlush {

    /** Offer outcome. */
    public enum Offer { QUEUED, SLOW_CONSUMER, CLOSED }

    private static final int CHUNK = 32 * 1024;
    private static final int SHARE_PAYLOAD_FROM = 4 * 1024;
    /** Backlog above which publishers hold back (a quarter of max_pending when that is less). */
    private static final long PACE_ABOVE = 4L * 1024 * 1024;
    private static final short CRLF = ('\r' << 8) | '\n';

    private final Channel channel;
    private final Runnable flushTask = this::flush;
    private volatile long maxPending;

    private ArrayDeque<ByteBuf> queued = new ArrayDeque<>();
    private ArrayDeque<ByteBuf> draining = new ArrayDeque<>();
    private ByteBuf chunk;
    /** Where a control line is put together before it is copied into {@link #chunk} in one go. */
    private byte[] line = new byte[128];
    private long queuedBytes;
    /** Bytes ever queued: less what is pending, what the socket has taken. */
    private long offeredBytes;
    /** Messages queued and their bytes, for monitoring; counted under the lock the offer takes anyway. */
    private long messagesQueued;
    private long messageBytesQueued;
    private boolean flushScheduled;
    private boolean closed;
    /** A publisher found the peer not reading; cleared once the backlog drains. */
    private volatile boolean stalled;

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
        offeredBytes += bytes.length;
        return Offer.QUEUED;
    }

    /**
     * Queues one {@code MSG} or {@code HMSG}; a subscriber without header support gets the
     * payload alone, as a MSG. A large payload is kept by reference, so the caller may release
     * its own hold afterwards.
     */
    Offer offerMessage(ClientSubscription sub, Message msg, boolean headers) {
        byte[] sid = sub.sidBytes;
        int headerSize = msg.headerSize;
        boolean withHeaders = headers && headerSize > 0;
        int skip = withHeaders ? 0 : headerSize;
        int size = msg.size() - skip;
        ByteBuf data = msg.data();
        int from = msg.offset() + skip;
        byte[] subject = msg.subjectBytes();
        byte[] reply = msg.replyBytes();
        int longestLine = 32 + subject.length + sid.length + (reply == null ? 0 : reply.length);
        synchronized (this) {
            if (closed) {
                return Offer.CLOSED;
            }
            if (queuedBytes + nettyPending() + longestLine + size + 2 > maxPending) {
                return Offer.SLOW_CONSUMER;
            }
            int lineLength = msgLine(longestLine, subject, sid, reply, withHeaders ? headerSize : -1,
                    msg.headerDigits, size, skip == 0 ? msg.totalDigits : 0);
            appendFrame(lineLength, data, from, size);
            messagesQueued++;
            messageBytesQueued += size;
            sub.delivered++;
            return Offer.QUEUED;
        }
    }

    /**
     * Queues a control line (without its CRLF), then {@code data} and a CRLF: how a link sends
     * {@code RMSG} and its kin. A large payload is kept by reference, as in {@link #offerMessage}.
     */
    public Offer offerFrame(byte[] control, ByteBuf data) {
        int size = data.readableBytes();
        synchronized (this) {
            if (closed) {
                return Offer.CLOSED;
            }
            if (queuedBytes + nettyPending() + control.length + 2 + size + 2 > maxPending) {
                return Offer.SLOW_CONSUMER;
            }
            byte[] l = lineOf(control.length + 2);
            int at = put(l, 0, control);
            l[at++] = '\r';
            l[at++] = '\n';
            appendFrame(at, data, data.readerIndex(), size);
            messagesQueued++;
            messageBytesQueued += size;
            return Offer.QUEUED;
        }
    }

    /**
     * Queues the control line put together in {@link #line}, then {@code size} bytes of
     * {@code data} from {@code from} on and a CRLF. A payload from {@link #SHARE_PAYLOAD_FROM}
     * bytes on is queued as a retained slice of {@code data}, not copied.
     */
    private void appendFrame(int lineLength, ByteBuf data, int from, int size) {
        if (size >= SHARE_PAYLOAD_FROM) {
            ensureChunk(lineLength).writeBytes(line, 0, lineLength);
            seal();
            queued.add(data.retainedSlice(from, size));
            ensureChunk(2).writeShort(CRLF);
        } else {
            ByteBuf out = ensureChunk(lineLength + size + 2);
            out.writeBytes(line, 0, lineLength);
            out.writeBytes(data, from, size);
            out.writeShort(CRLF);
        }
        queuedBytes += lineLength + size + 2;
        offeredBytes += lineLength + size + 2;
    }

    /** {@link #line}, grown to hold at least {@code length} bytes. */
    private byte[] lineOf(int length) {
        if (line.length < length) {
            line = new byte[Math.max(length, line.length * 2)];
        }
        return line;
    }

    /**
     * Writes {@code MSG <subject> <sid> [reply] <size>\r\n} (HMSG with the header size when
     * {@code headerSize} is not negative) into {@link #line}; returns its length.
     */
    private int msgLine(int longest, byte[] subject, byte[] sid, byte[] reply, int headerSize, int headerDigits,
                        int size, int sizeDigits) {
        byte[] l = lineOf(longest);
        int at = put(l, 0, headerSize >= 0 ? HMSG : MSG);
        at = put(l, at, subject);
        l[at++] = ' ';
        at = put(l, at, sid);
        l[at++] = ' ';
        if (reply != null) {
            at = put(l, at, reply);
            l[at++] = ' ';
        }
        if (headerSize >= 0) {
            at = putDecimal(l, at, headerSize, headerDigits);
            l[at++] = ' ';
        }
        at = putDecimal(l, at, size, sizeDigits);
        l[at++] = '\r';
        l[at++] = '\n';
        return at;
    }

    private static int put(byte[] to, int at, byte[] bytes) {
        System.arraycopy(bytes, 0, to, at, bytes.length);
        return at + bytes.length;
    }

    /** Writes {@code value} in decimal, padded with zeros to {@code width} digits. */
    private static int putDecimal(byte[] to, int at, int value, int width) {
        int digits = 1;
        for (int v = value; v >= 10; v /= 10) {
            digits++;
        }
        digits = Math.max(digits, width);
        int v = value;
        for (int i = at + digits - 1; i >= at; i--) {
            to[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        return at + digits;
    }

    private static final byte[] MSG = "MSG ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HMSG = "HMSG ".getBytes(StandardCharsets.US_ASCII);

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

    /** Messages queued so far. */
    public synchronized long messagesQueued() {
        return messagesQueued;
    }

    /** Header and payload bytes of the messages queued so far. */
    public synchronized long messageBytesQueued() {
        return messageBytesQueued;
    }

    /** Bytes this connection still owes its peer: queued here plus written but not yet sent. */
    @Override
    public long pendingBytes() {
        synchronized (this) {
            return queuedBytes + nettyPending();
        }
    }

    @Override
    public long sentBytes() {
        synchronized (this) {
            return offeredBytes - queuedBytes - nettyPending();
        }
    }

    @Override
    public boolean backlogged() {
        long pending = pendingBytes();
        long threshold = paceThreshold();
        if (pending < threshold / 2) {
            stalled = false;
            return false;
        }
        return pending > threshold && !stalled && !isClosed();
    }

    @Override
    public boolean drained() {
        return isClosed() || pendingBytes() < paceThreshold() / 2;
    }

    @Override
    public void stalled() {
        stalled = true;
    }

    private long paceThreshold() {
        return Math.min(maxPending / 4, PACE_ABOVE);
    }

    private synchronized boolean isClosed() {
        return closed;
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
    @Override
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
