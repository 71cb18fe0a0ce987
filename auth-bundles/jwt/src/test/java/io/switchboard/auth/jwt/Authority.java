package io.switchboard.auth.jwt;

import io.nats.client.NKey;
import io.nats.client.support.JwtUtils;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

/**
 * Keys and JWTs as nsc makes them, issued with nats.java's {@link JwtUtils}: an operator, its
 * accounts, their users. Claims beyond the kind are given as the JSON fields of {@code nats}.
 */
final class Authority {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Authority() {
    }

    static NKey operatorKey() throws Exception {
        return NKey.createOperator(RANDOM);
    }

    static NKey accountKey() throws Exception {
        return NKey.createAccount(RANDOM);
    }

    static NKey userKey() throws Exception {
        return NKey.createUser(RANDOM);
    }

    static String pub(NKey key) throws Exception {
        return new String(key.getPublicKey());
    }

    /** Claims of {@code kind} about {@code subject}, signed by {@code signer}, issued now. */
    static String issue(NKey signer, String subject, String kind, String natsFields) throws Exception {
        return issue(signer, subject, kind, natsFields, null, JwtUtils.currentTimeSeconds());
    }

    static String issue(NKey signer, String subject, String kind, String natsFields, Duration expires, long issuedAt)
            throws Exception {
        String nats = "{\"type\":\"" + kind + "\",\"version\":2" + (natsFields.isEmpty() ? "" : "," + natsFields) + "}";
        return JwtUtils.issueJWT(signer, subject, kind + "-" + subject.substring(0, 6), expires, issuedAt, pub(signer), () -> nats);
    }

    /** The client's signature of the server's nonce, as nats.java sends it. */
    static String sign(NKey user, String nonce) throws Exception {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(user.sign(nonce.getBytes(StandardCharsets.US_ASCII)));
    }
}
