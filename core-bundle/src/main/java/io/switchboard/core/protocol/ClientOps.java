package io.switchboard.core.protocol;

import io.switchboard.core.routing.Message;

/** What a client asked for, one callback per complete protocol operation. */
public interface ClientOps {

    void connect(String json) throws ProtocolViolation;

    /**
     * A PUB or HPUB. The message and its data are valid only during the call: retain the
     * data to keep it.
     */
    void publish(Message message) throws ProtocolViolation;

    /**
     * A PUB or HPUB line was read and its payload comes next: the message has its subject,
     * reply and sizes, but no data yet.
     */
    void publishing(Message message);

    void subscribe(String subject, String queue, String sid) throws ProtocolViolation;

    /** {@code max} is 0 for an immediate unsubscribe. */
    void unsubscribe(String sid, int max) throws ProtocolViolation;

    void ping();

    void pong();

    /** A {@code -ERR} from the client; the parser goes on with the rest of the read, as nats-server's does. */
    void clientError(String text);

    /** An INFO from the client: checked to be JSON, otherwise of no use from a client. */
    void info(String json) throws ProtocolViolation;
}
