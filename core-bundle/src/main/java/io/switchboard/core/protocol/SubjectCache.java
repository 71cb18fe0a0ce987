package io.switchboard.core.protocol;

import io.switchboard.core.routing.Message;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The subjects one connection published to lately, so that publishing to the same subject
 * again makes no new String: the same instance, with its hash code already computed, finds
 * the cached match at once. Direct-mapped by hash; a collision simply replaces the entry.
 */
final class SubjectCache {

    private static final int SIZE = 64;
    private static final int LONGEST = 256;

    private final byte[][] bytes = new byte[SIZE][];
    private final String[] strings = new String[SIZE];
    // The subject of the previous message, tried first: a publisher mostly repeats itself.
    private byte[] lastBytes;
    private String lastString;

    /** Sets {@code message}'s subject to {@code line[from, from + length)} and gives it the bytes too. */
    void setSubject(Message message, byte[] line, int from, int length) {
        if (length > LONGEST) {
            message.subject = new String(line, from, length, StandardCharsets.ISO_8859_1);
            return;
        }
        byte[] last = lastBytes;
        if (last != null && Arrays.equals(last, 0, last.length, line, from, from + length)) {
            message.subject(lastString, last);
            return;
        }
        int hash = 0;
        for (int i = from; i < from + length; i++) {
            hash = 31 * hash + (line[i] & 0xff);
        }
        int slot = (hash ^ hash >>> 16) & (SIZE - 1);
        byte[] cached = bytes[slot];
        if (cached == null || !Arrays.equals(cached, 0, cached.length, line, from, from + length)) {
            cached = Arrays.copyOfRange(line, from, from + length);
            bytes[slot] = cached;
            strings[slot] = new String(cached, StandardCharsets.ISO_8859_1);
        }
        lastBytes = cached;
        lastString = strings[slot];
        message.subject(lastString, cached);
    }
}
