package io.switchboard.core.routing;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;

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

    // The encoded subjects, each with the String it was encoded from: whoever sets subject or
    // reply directly makes them stale, and the identity check notices.
    private String subjectEncoded;
    private byte[] subjectBytes;
    private String replyEncoded;
    private byte[] replyBytes;

    public int size() {
        return data.readableBytes();
    }

    /** Sets the subject together with its bytes, when the caller has both at hand. */
    public void subject(String subject, byte[] bytes) {
        this.subject = subject;
        this.subjectEncoded = subject;
        this.subjectBytes = bytes;
    }

    /** The subject as bytes, encoded once per message however many subscribers it goes to. */
    public byte[] subjectBytes() {
        if (subjectEncoded != subject) {
            subjectBytes = subject.getBytes(StandardCharsets.ISO_8859_1);
            subjectEncoded = subject;
        }
        return subjectBytes;
    }

    /** The reply subject as bytes, or null when there is none. */
    public byte[] replyBytes() {
        if (reply == null) {
            return null;
        }
        if (replyEncoded != reply) {
            replyBytes = reply.getBytes(StandardCharsets.ISO_8859_1);
            replyEncoded = reply;
        }
        return replyBytes;
    }
}
