package io.switchboard.cluster;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;

/**
 * What a route still has to send. Publishers on any event loop append to it; only the route's own
 * event loop writes to the socket. Protocol lines and small messages are packed into shared
 * chunks; large payloads are queued as slices of the publisher's buffer, not copied.
 */
final class RouteOutbound {

    /** What became of an offer. */
    enum Offer { QUEUED, TOO_FAR_BEHIND, CLOSED }

    private static final int CHUNK = 64 * 1024;
    private static final int SHARE_FROM = 8 * 1024;
    private static final byte[] CRLF = {'\r', '\n'};

    private final Channel channel;
    private final long maxPending;
    private final Runnable writeTask = this::write;
    private ArrayDeque<ByteBuf> pending = new ArrayDeque<>();
    private ArrayDeque<ByteBuf> writing = new ArrayDeque<>();
    private ByteBuf chunk;
    private long pendingBytes;
    private boolean writeScheduled;
    private boolean closed;

    RouteOutbound(Channel channel, long maxPending) {
        this.channel = channel;
        this.maxPending = maxPending;
    }

    /** Queues a protocol line (INFO, CONNECT, PING, RS+...), CRLF included. */
    synchronized Offer offer(String line) {
        if (closed) {
            return Offer.CLOSED;
        }
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        room(bytes.length).writeBytes(bytes);
        pendingBytes += bytes.length;
        return Offer.QUEUED;
    }

    /**
     * The control line of a routed message, in nats-server's form: {@code RMSG <account> <subject>}
     * then {@code + <reply> <queue>...} or {@code | <queue>...} when it goes to queue groups, else
     * the reply if any, then {@code <header size>} for an {@code HMSG}, then the total size.
     */
    static String messageLine(String account, String subject, String reply, int headerSize, int size,
                              List<String> queues) {
        StringBuilder line = new StringBuilder(40 + account.length() + subject.length());
        line.append(headerSize > 0 ? "HMSG " : "RMSG ").append(account).append(' ').append(subject).append(' ');
        if (!queues.isEmpty()) {
            line.append(reply != null ? "+ " : "| ");
            if (reply != null) {
                line.append(reply).append(' ');
            }
            for (int i = 0, n = queues.size(); i < n; i++) {
                line.append(queues.get(i)).append(' ');
            }
        } else if (reply != null) {
            line.append(reply).append(' ');
        }
        if (headerSize > 0) {
            line.append(headerSize).append(' ');
        }
        return line.append(size).toString();
    }

    /** Queues one routed message: its control line (see {@link #messageLine}) and its data. */
    Offer offerMessage(String line, ByteBuf data) {
        int size = data.readableBytes();
        byte[] head = line.getBytes(StandardCharsets.UTF_8);
        boolean share = size >= SHARE_FROM;
        int total = head.length + 2 + size + 2;
        synchronized (this) {
            if (closed) {
                return Offer.CLOSED;
            }
            if (pendingBytes + socketPending() + total > maxPending) {
                return Offer.TOO_FAR_BEHIND;
            }
            ByteBuf out = room(share ? total - size : total);
            out.writeBytes(head).writeBytes(CRLF);
            if (share) {
                seal();
                pending.add(data.retainedSlice());
                room(2).writeBytes(CRLF);
            } else {
                out.writeBytes(data, data.readerIndex(), size).writeBytes(CRLF);
            }
            pendingBytes += total;
            return Offer.QUEUED;
        }
    }

    private ByteBuf room(int needed) {
        if (chunk != null && chunk.writableBytes() < needed) {
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
                pending.add(chunk);
            } else {
                chunk.release();
            }
            chunk = null;
        }
    }

    /** Bytes queued here plus those handed to the socket but not yet sent. */
    synchronized long pendingBytes() {
        return pendingBytes + socketPending();
    }

    private long socketPending() {
        ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
        return buffer == null ? 0 : buffer.totalPendingWriteBytes();
    }

    /** Has the route's event loop write what is queued; at most one such request is outstanding. */
    void requestWrite() {
        synchronized (this) {
            if (writeScheduled || closed || pendingBytes == 0) {
                return;
            }
            writeScheduled = true;
        }
        if (channel.eventLoop().inEventLoop()) {
            write();
        } else {
            channel.eventLoop().execute(writeTask);
        }
    }

    /** Writes everything queued to the socket; on the route's event loop. */
    void write() {
        ArrayDeque<ByteBuf> batch;
        synchronized (this) {
            writeScheduled = false;
            if (closed) {
                return;
            }
            seal();
            batch = pending;
            pending = writing;
            writing = batch;
            pendingBytes = 0;
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

    /** Drops what is still queued; later offers are refused. */
    synchronized void close() {
        closed = true;
        if (chunk != null) {
            chunk.release();
            chunk = null;
        }
        ByteBuf buf;
        while ((buf = pending.poll()) != null) {
            buf.release();
        }
        pendingBytes = 0;
    }
}
