package io.switchboard.core.routing;

/**
 * Something a publisher wrote to that must be flushed once, at the end of the publisher's
 * read batch, instead of once per message; and that may ask the publisher to hold back while
 * it drains a backlog.
 */
public abstract class DeferredFlush {

    /** The batch that last took this for a flush; a hint that saves adding it twice. */
    volatile FlushBatch lastBatch;

    /** Hands the queued bytes to the owner's event loop for writing. */
    public abstract void requestFlush();

    /**
     * Whether publishers should hold back until this drains: its backlog is large and it has
     * not been found stalled. False unless the owner paces its publishers.
     */
    public boolean backlogged() {
        return false;
    }

    /** Bytes still owed to the peer. */
    public long pendingBytes() {
        return 0;
    }

    /** Bytes the peer's socket has taken so far; a publisher that holds back watches them go up. */
    public long sentBytes() {
        return 0;
    }

    /** Whether a publisher holding back may go on: the backlog went down far enough, or this is closed. */
    public boolean drained() {
        return true;
    }

    /** A publisher gave up waiting: the peer stopped reading. It is not waited for again until it drains. */
    public void stalled() {
    }
}
