package io.switchboard.core.auth;

import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Compares what a client sent with a configured secret: in constant time, or with bcrypt
 * when the configuration holds a bcrypt hash ({@code $2a$...}), as nats-server does.
 */
public final class Secrets {

    private Secrets() {
    }

    /** True when {@code given} is the secret {@code expected} stands for. */
    public static boolean matches(String expected, String given) {
        if (given == null) {
            return false;
        }
        if (isBcrypt(expected)) {
            try {
                return OpenBSDBCrypt.checkPassword(expected, given.getBytes(StandardCharsets.UTF_8));
            } catch (IllegalArgumentException malformed) {
                return false;
            }
        }
        return equal(expected, given);
    }

    /** Constant-time equality, for names that are compared but never hashed. */
    public static boolean equal(String expected, String given) {
        return given != null
                && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    /** True when checking {@code secret} costs a bcrypt round, too slow for a network thread. */
    public static boolean isBcrypt(String secret) {
        return secret != null && secret.startsWith("$2");
    }
}
