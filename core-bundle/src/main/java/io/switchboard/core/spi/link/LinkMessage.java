package io.switchboard.core.spi.link;

import io.netty.buffer.ByteBuf;
import org.osgi.annotation.versioning.ProviderType;

import java.util.ArrayList;
import java.util.List;

/**
 * One {@code RMSG} or {@code HMSG} as read from a link: reused by the parser for every message,
 * valid during the {@link LinkOps#message} call only. {@link #queues()} names the queue groups the
 * sending server picked this one for.
 */
@ProviderType
public final class LinkMessage {

    String account;
    String subject;
    String reply;
    final List<String> queues = new ArrayList<>();
    int headerSize;
    ByteBuf data;

    /** The account; null on a leaf node connection, which is bound to one. */
    public String account() {
        return account;
    }

    public String subject() {
        return subject;
    }

    /** The reply subject, or null. */
    public String reply() {
        return reply;
    }

    public List<String> queues() {
        return queues;
    }

    /** Bytes of headers at the start of {@link #data()}; 0 without headers. */
    public int headerSize() {
        return headerSize;
    }

    /** The headers, then the payload. */
    public ByteBuf data() {
        return data;
    }

    /**
     * The control line of a message for a link, in nats-server's form: {@code RMSG <account> <subject>}
     * then {@code + <reply> <queue>...} or {@code | <queue>...} when it goes to queue groups, else
     * the reply if any, then {@code <header size>} for an {@code HMSG}, then the total size. With a
     * null {@code account} (since 1.4) it is a leaf node's {@code LMSG} or {@code HMSG}, which names none.
     */
    public static String controlLine(String account, String subject, String reply, int headerSize, int size,
                                     List<String> queues) {
        StringBuilder line = new StringBuilder(40 + subject.length() + (account == null ? 0 : account.length()));
        line.append(headerSize > 0 ? "HMSG " : account == null ? "LMSG " : "RMSG ");
        if (account != null) {
            line.append(account).append(' ');
        }
        line.append(subject).append(' ');
        if (!queues.isEmpty()) {
            line.append(reply != null ? "+ " : "| ");
            if (reply != null) {
                line.append(reply).append(' ');
            }
            for (int i = 0, n = queues.size(); i < n; i++) {
                line.append(queues.get(i)).append(' ');
            }
        } else if (reply != null) {
            line.append(reply).append(' ');
        }
        if (headerSize > 0) {
            line.append(headerSize).append(' ');
        }
        return line.append(size).toString();
    }
}
