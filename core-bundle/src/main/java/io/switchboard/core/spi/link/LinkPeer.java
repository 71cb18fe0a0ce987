package io.switchboard.core.spi.link;

import io.netty.buffer.ByteBuf;
import org.osgi.annotation.versioning.ConsumerType;

import java.util.List;

/**
 * A link connection as seen from the router: where messages for the remote server's interest
 * go. Implemented by the link bundle.
 */
@ConsumerType
public interface LinkPeer {

    /**
     * Queues one message for the remote server. Called on a publisher's thread: it must not write
     * to the socket or wait for it, only queue. {@code data} holds the headers
     * ({@code headerSize} bytes, 0 for none) then the payload; it is valid during the call only,
     * so retain a slice to keep it. {@code queues} names the queue groups this link was picked for,
     * empty when it only gets the message for plain interest; it too is valid during the call only.
     * Returns false when the link cannot take it (closed, too far behind).
     */
    boolean forward(String account, String subject, String reply, int headerSize, ByteBuf data,
                    List<String> queues);

    /** The publisher's read batch is over: have the connection's own event loop write what was queued. */
    void flush();
}
