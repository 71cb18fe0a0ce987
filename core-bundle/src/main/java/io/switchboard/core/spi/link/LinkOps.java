package io.switchboard.core.spi.link;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * What a peer sent over a route or gateway connection, one callback per complete protocol
 * operation, as {@link LinkParser} reads them.
 */
@ConsumerType
public interface LinkOps {

    void info(String json) throws LinkProtocolException;

    void connect(String json) throws LinkProtocolException;

    void ping();

    void pong();

    /** {@code RS+}: interest in a subject, or in a queue group with {@code weight} members. */
    void subscribe(String account, String subject, String queue, int weight) throws LinkProtocolException;

    /** {@code RS-}: that interest is gone. */
    void unsubscribe(String account, String subject, String queue) throws LinkProtocolException;

    /**
     * {@code A+} (true) or {@code A-} (false): the peer has interest in {@code account} again, or
     * none at all. Gateways only; a route refuses it.
     */
    void accountInterest(String account, boolean interested) throws LinkProtocolException;

    /** {@code RMSG} or {@code HMSG}; the message and its data are valid during the call only. */
    void message(LinkMessage message) throws LinkProtocolException;

    /** {@code -ERR}: the peer's complaint, logged before it closes. */
    void error(String text);
}
