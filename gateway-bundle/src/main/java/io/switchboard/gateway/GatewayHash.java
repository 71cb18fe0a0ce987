package io.switchboard.gateway;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The six-character hashes of cluster and server names that nats-server puts in routed reply
 * subjects ({@code _GR_.<cluster hash>.<server hash>.<reply>}): each of the first six bytes of the
 * name's SHA-256, modulo 62, picks a digit or letter.
 */
final class GatewayHash {

    static final String REPLY_PREFIX = "_GR_.";
    private static final int LENGTH = 6;
    private static final String DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private GatewayHash() {
    }

    static String of(String name) {
        byte[] sha;
        try {
            sha = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        StringBuilder hash = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            hash.append(DIGITS.charAt(Byte.toUnsignedInt(sha[i]) % DIGITS.length()));
        }
        return hash.toString();
    }

    /** The prefix of replies routed back to {@code cluster}'s server {@code server}. */
    static String replyPrefix(String cluster, String server) {
        return REPLY_PREFIX + of(cluster) + "." + of(server) + ".";
    }

    /**
     * For a routed reply subject, the cluster hash it goes to; null for any other subject.
     */
    static String targetCluster(String subject) {
        int subjectStart = REPLY_PREFIX.length() + 2 * (LENGTH + 1);
        if (subject.length() <= subjectStart || !subject.startsWith(REPLY_PREFIX)) {
            return null;
        }
        return subject.substring(REPLY_PREFIX.length(), REPLY_PREFIX.length() + LENGTH);
    }

    /** The original subject inside a routed reply subject. */
    static String originalSubject(String routed) {
        return routed.substring(REPLY_PREFIX.length() + 2 * (LENGTH + 1));
    }
}
