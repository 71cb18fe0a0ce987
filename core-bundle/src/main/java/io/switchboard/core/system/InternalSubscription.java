package io.switchboard.core.system;

import io.netty.buffer.ByteBuf;
import io.switchboard.core.routing.FlushBatch;
import io.switchboard.core.routing.Interest;
import io.switchboard.core.routing.Message;
import io.switchboard.core.spi.system.SystemHandler;
import io.switchboard.core.spi.system.SystemMessage;

/** A subscription of the server's internal client: what it takes is copied out and handed over at once. */
final class InternalSubscription implements Interest {

    private static final byte[] NONE = new byte[0];

    private final Object owner;
    private final String subject;
    private final SystemHandler handler;
    private volatile boolean cancelled;

    InternalSubscription(Object owner, String subject, SystemHandler handler) {
        this.owner = owner;
        this.subject = subject;
        this.handler = handler;
    }

    @Override
    public String subject() {
        return subject;
    }

    @Override
    public String queue() {
        return null;
    }

    @Override
    public Object owner() {
        return owner;
    }

    @Override
    public boolean deliver(Message message, FlushBatch batch) {
        if (cancelled) {
            return false;
        }
        ByteBuf data = message.data();
        int offset = message.offset();
        byte[] headers = message.headerSize == 0 ? NONE : new byte[message.headerSize];
        data.getBytes(offset, headers);
        byte[] payload = new byte[message.size() - message.headerSize];
        data.getBytes(offset + message.headerSize, payload);
        handler.message(new SystemMessage(message.subject, message.reply, headers, payload));
        return true;
    }

    /** Returns false when it was cancelled before. */
    synchronized boolean cancel() {
        boolean first = !cancelled;
        cancelled = true;
        return first;
    }
}
