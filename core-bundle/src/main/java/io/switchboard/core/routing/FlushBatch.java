package io.switchboard.core.routing;

import java.util.ArrayList;

/**
 * The connections one publisher wrote to during one read batch. Owned and used by the
 * publisher's event loop only; flushed when the batch ends, as nats-server does with its
 * per-read list of clients to flush.
 */
public final class FlushBatch {

    private final ArrayList<DeferredFlush> touched = new ArrayList<>();
    private final LinkFanout links = new LinkFanout();

    /** The links the message being delivered goes to; it belongs to the same loop as the batch. */
    LinkFanout links() {
        return links;
    }

    public void add(DeferredFlush target) {
        if (target.lastBatch != this) {
            target.lastBatch = this;
            touched.add(target);
        }
    }

    /**
     * Asks every touched connection to write out what it was given. Returns the one with the
     * largest backlog that asks publishers to hold back, or null when none does.
     */
    public DeferredFlush flushAll() {
        DeferredFlush backlogged = null;
        int n = touched.size();
        for (int i = 0; i < n; i++) {
            DeferredFlush target = touched.get(i);
            if (target.lastBatch == this) {
                target.lastBatch = null;
            }
            target.requestFlush();
            if (target.backlogged() && (backlogged == null || target.pendingBytes() > backlogged.pendingBytes())) {
                backlogged = target;
            }
        }
        touched.clear();
        return backlogged;
    }
}
