package io.switchboard.core.client;

import java.security.SecureRandom;
import java.util.Base64;

/** The nonces sent in INFO for a client to sign: 11 random bytes, base64url, as nats-server makes them. */
final class Nonces {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private Nonces() {
    }

    static String next() {
        byte[] bytes = new byte[11];
        RANDOM.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }
}
