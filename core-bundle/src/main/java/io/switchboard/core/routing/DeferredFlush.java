package io.switchboard.core.routing;

/**
 * Something a publisher wrote to that must be flushed once, at the end of the publisher's
 * read batch, instead of once per message.
 */
public abstract class DeferredFlush {

    /** The batch that last took this for a flush; a hint that saves adding it twice. */
    volatile FlushBatch lastBatch;

    /** Hands the queued bytes to the owner's event loop for writing. */
    public abstract void requestFlush();
}
