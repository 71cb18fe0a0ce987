package io.switchboard.core.routing;

import io.netty.buffer.ByteBuf;

/**
 * One message on its way from a publisher to its subscribers. The publisher's connection
 * reuses one instance for every message it reads; a subscriber copies what it needs while
 * it is being delivered and keeps nothing but a retained slice of {@link #data}.
 */
public final class Message {

    public String subject;
    public String reply;
    /** Bytes of headers at the start of {@link #data}; 0 when there are none. */
    public int headerSize;
    /** Headers and payload. */
    public ByteBuf data;
    /**
     * Digits the publisher wrote for the header and total sizes: nats-server repeats the
     * publisher's own digits (leading zeros too) in MSG and HMSG.
     */
    public int headerDigits;
    public int totalDigits;

    public int size() {
        return data.readableBytes();
    }

    /** The same message under another subject and reply, sharing the data: for imports between accounts. */
    public Message redirected(String newSubject, String newReply) {
        Message copy = new Message();
        copy.subject = newSubject;
        copy.reply = newReply;
        copy.headerSize = headerSize;
        copy.data = data;
        copy.headerDigits = headerDigits;
        copy.totalDigits = totalDigits;
        return copy;
    }
}
