package io.switchboard.core.spi.link;

import io.netty.buffer.ByteBuf;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A link connection's outbound queue, the one clients have too: any thread queues, only the
 * connection's own event loop writes to the socket, and a queue that falls too far behind
 * refuses more instead of making anybody wait. Made by {@link LinkHost#outbound}.
 */
@ProviderType
public interface LinkOutbound {

    /** What became of a message offered to the queue. */
    enum Offer {
        QUEUED,
        /** The peer owes more than its pending-bytes limit: it is a slow consumer. */
        TOO_FAR_BEHIND,
        CLOSED
    }

    /** Queues a protocol line ({@code CRLF} is added); false when the queue is closed. */
    boolean send(String line);

    /**
     * Queues a message: its control line ({@code CRLF} is added), {@code data} and a {@code CRLF}.
     * A large payload is kept as a slice of {@code data}, which the caller may release afterwards.
     */
    Offer sendMessage(String line, ByteBuf data);

    /** Has the connection's event loop write what is queued; from any thread. */
    void requestWrite();

    /** Writes what is queued now; on the connection's event loop only. */
    void write();

    /** Bytes queued plus bytes handed to the socket but not yet sent. */
    long pendingBytes();

    /** What {@link #sendMessage} has queued so far. @since 1.4 */
    Sent sent();

    /**
     * Messages queued and their control line, header and payload bytes.
     *
     * @since 1.4
     */
    record Sent(long messages, long bytes) {
        public static final Sent NOTHING = new Sent(0, 0);
    }

    /** Drops what is queued; later offers are refused. */
    void close();
}
