package io.switchboard.core.spi.link;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * What a peer sent over a route, gateway or leaf node connection, one callback per complete
 * protocol operation, as {@link LinkParser} reads them. On a leaf node connection the account is
 * null: the connection is bound to one.
 */
@ConsumerType
public interface LinkOps {

    void info(String json) throws LinkProtocolException;

    void connect(String json) throws LinkProtocolException;

    void ping();

    void pong();

    /** {@code RS+} ({@code LS+}): interest in a subject, or in a queue group with {@code weight} members. */
    void subscribe(String account, String subject, String queue, int weight) throws LinkProtocolException;

    /** {@code RS-} ({@code LS-}): that interest is gone. */
    void unsubscribe(String account, String subject, String queue) throws LinkProtocolException;

    /**
     * {@code A+} (true) or {@code A-} (false): the peer has interest in {@code account} again, or
     * none at all. Gateways only; a route refuses it.
     */
    void accountInterest(String account, boolean interested) throws LinkProtocolException;

    /** {@code RMSG}, {@code LMSG} or {@code HMSG}; the message and its data are valid during the call only. */
    void message(LinkMessage message) throws LinkProtocolException;

    /** {@code -ERR}: the peer's complaint, logged before it closes. */
    void error(String text);
}
