package io.switchboard.core.routing;

import io.netty.buffer.ByteBuf;
import io.switchboard.core.subject.MatchResult;
import io.switchboard.core.subject.SubjectIndex;

import java.nio.charset.StandardCharsets;

/**
 * One message on its way from a publisher to its subscribers. The publisher's connection
 * reuses one instance for every message it reads; a subscriber copies what it needs while
 * it is being delivered and keeps nothing but a retained slice of {@link #data()}.
 */
public final class Message {

    public String subject;
    public String reply;
    /** Bytes of headers at the start of the payload; 0 when there are none. */
    public int headerSize;
    /**
     * Digits the publisher wrote for the header and total sizes: nats-server repeats the
     * publisher's own digits (leading zeros too) in MSG and HMSG.
     */
    public int headerDigits;
    public int totalDigits;

    // Headers and payload: a region of a buffer the publisher owns while it publishes.
    private ByteBuf data;
    private int offset;
    private int length;
    // The payload as a buffer of its own, made when first asked for.
    private ByteBuf payloadBuffer;

    // The match of the last subject this message was published to, and the index generation
    // read before it was made: valid while the same subject goes to the same, unchanged index.
    private String matchedSubject;
    private SubjectIndex<Interest> matchedIndex;
    private long matchedGeneration;
    private MatchResult<Interest> match;

    // The encoded subjects, each with the String it was encoded from: whoever sets subject or
    // reply directly makes them stale, and the identity check notices.
    private String subjectEncoded;
    private byte[] subjectBytes;
    private String replyEncoded;
    private byte[] replyBytes;

    /** The payload (headers included) is all that is readable in {@code buffer}. */
    public void payload(ByteBuf buffer) {
        payload(buffer, buffer.readerIndex(), buffer.readableBytes());
    }

    /** The payload (headers included) is {@code length} bytes of {@code buffer} from {@code offset} on. */
    public void payload(ByteBuf buffer, int offset, int length) {
        this.data = buffer;
        this.offset = offset;
        this.length = length;
        this.payloadBuffer = null;
    }

    /** The buffer that holds the payload, from {@link #offset()} on; a subscriber retains a slice to keep it. */
    public ByteBuf data() {
        return data;
    }

    public int offset() {
        return offset;
    }

    /**
     * The payload as a buffer of its own, for those that take one (links): the buffer itself
     * when the payload is all of it, else a slice, made once however many links the message
     * goes to. Valid as long as {@link #data()}.
     */
    public ByteBuf payloadBuffer() {
        if (payloadBuffer == null) {
            payloadBuffer = offset == data.readerIndex() && length == data.readableBytes()
                    ? data : data.slice(offset, length);
        }
        return payloadBuffer;
    }

    /** Bytes of headers and payload. */
    public int size() {
        return length;
    }

    /**
     * The subscriptions of {@code index} matching the subject: the previous message's result
     * when the subject is the same String and the index has not changed since.
     */
    public MatchResult<Interest> matchIn(SubjectIndex<Interest> index) {
        long generation = index.generation();
        if (subject != matchedSubject || index != matchedIndex || generation != matchedGeneration) {
            match = index.match(subject);
            matchedSubject = subject;
            matchedIndex = index;
            matchedGeneration = generation;
        }
        return match;
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

    /** The same message under another subject and reply, sharing the data: for imports between accounts. */
    public Message redirected(String newSubject, String newReply) {
        Message copy = new Message();
        copy.subject = newSubject;
        copy.reply = newReply;
        copy.headerSize = headerSize;
        copy.payload(data, offset, length);
        copy.headerDigits = headerDigits;
        copy.totalDigits = totalDigits;
        return copy;
    }
}
