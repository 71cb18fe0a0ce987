package io.switchboard.core.spi.link;

import io.netty.buffer.ByteBuf;
import org.osgi.annotation.versioning.ProviderType;

import java.util.List;

/**
 * The router's side of one link connection. Used from the connection's own event loop.
 */
@ProviderType
public interface LinkSession {

    /**
     * The remote server is interested in {@code subject} in {@code account}; for a queue group,
     * {@code weight} is the number of its members there. Announcing the same subject and queue again
     * changes the weight. Returns false when the account is unknown or the subject or queue invalid.
     */
    boolean addInterest(String account, String subject, String queue, int weight);

    /** The remote server lost its interest in {@code subject} (and {@code queue}, when not null). */
    void removeInterest(String account, String subject, String queue);

    /**
     * Delivers a message that came over the link to this server's own subscribers in {@code account}:
     * every matching plain subscription, and one member of each queue group in {@code queues}. What a
     * route brings goes out only to leaf nodes connected here; what a gateway brings also goes over
     * the routes with interest in it (a queue group's member there may be picked), never to
     * another gateway; what a leaf node brings goes where {@link LinkKind#LEAF} says, and its
     * {@code account} is the one the connection is bound to. {@code data} holds the headers ({@code headerSize} bytes, 0 for none)
     * then the payload; the session does not keep it past the call. Returns false when the account is
     * unknown.
     */
    boolean deliver(String account, String subject, String reply, int headerSize, ByteBuf data,
                    List<String> queues);

    /**
     * The time the remote server takes to answer a PING. A queue group with no member in this
     * cluster goes to the gateway with the lowest; routes need not tell.
     *
     * @since 1.1
     */
    void roundTrip(long nanos);

    /**
     * Names the cluster the remote leaf node belongs to, as its CONNECT says: what one of that
     * cluster's leaf connections brings goes to no other of them.
     *
     * @since 1.4
     */
    void origin(String cluster);

    /**
     * The cluster named by {@link #origin(String)}, null when none.
     *
     * @since 1.4
     */
    String origin();

    /** The connection's read batch is over: the subscribers that were handed messages write them out. */
    void flush();

    /** The connection is gone: its interest leaves every account. */
    void close();
}
