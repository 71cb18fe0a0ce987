package io.switchboard.core.routing;

import io.switchboard.core.subject.Subscription;

/**
 * An entry in an account's subject index: a client's subscription, or a remote server's
 * interest behind a route, gateway or leaf connection. One index, one delivery path.
 */
public interface Interest extends Subscription {

    /** The connection that holds this interest; a publisher without echo skips its own. */
    Object owner();

    /**
     * Queues one message for this interest without waiting for any socket. Returns false
     * when it was not taken (closed, slow consumer, auto-unsubscribe limit reached).
     */
    boolean deliver(Message message, FlushBatch batch);
}
