package io.switchboard.auth.jwt;

import io.nats.client.NKey;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * JWTs whose claims are any JSON, signed by a real operator or account key so that they get past
 * the signature to the claims, and tokens of any text: decoding each as operator, account and
 * user claims gives claims or an {@link InvalidJwtException}, the one refusal a resolver or the
 * authenticator expects; nothing else escapes.
 */
class JwtFuzzTest {

    private static final NKey OPERATOR = key(true);
    private static final NKey ACCOUNT = key(false);

    private static final String[] KEYS = {
        "type", "version", "iss", "sub", "name", "iat", "exp", "nbf", "jti", "nats", "pub", "allow", "deny", "resp",
        "max", "ttl", "src", "times", "start", "end", "locale", "bearer_token", "allowed_connection_types", "limits",
        "subs", "data", "payload", "conn", "imports", "exports", "account", "subject", "to", "local_subject",
        "response_type", "token_req", "signing_keys", "key", "role", "template", "kind", "scope", "revocations",
        "mappings", "weight", "cluster", "default_permissions", "issuer_account", "tags", "account_server_url",
        "operator_service_urls", "system_account", "strict_signing_key_usage",
    };

    private static final String[] SCALARS = {
        "0", "-1", "1", "2", "3", "1.5", "1e300", "-9223372036854775808", "99999999999999999999", "true", "false",
        "null", "\"\"", "\"user\"", "\"account\"", "\"operator\"", "\"foo.>\"", "\"*\"", "\"Singleton\"", "\"Stream\"",
        "\"service\"", "\"stream\"", "\"127.0.0.1/8\"", "\"10.0.0.0/33\"", "\"garbage/\"", "\"25:61:00\"", "\"08:00:00\"",
        "\"Europe/Nowhere\"", "\"STANDARD\"", "\"WEBSOCKET\"", "\"\\u0000\"", "\"\u00e9\"", "\"" + "x".repeat(300) + "\"",
    };

    private static final String[] KINDS = {"operator", "account", "user"};

    @Property
    void signedClaimsOfAnyShapeDecodeOrAreRefused(@ForAll("fields") String fields, @ForAll("fields") String natsFields,
                                                 @ForAll @IntRange(max = 2) int kind) {
        NKey signer = kind == 2 ? ACCOUNT : OPERATOR;
        String payload = "{" + fields + (fields.isEmpty() ? "" : ",") + "\"iss\":\"" + pub(signer) + "\","
                + "\"nats\":{" + natsFields + (natsFields.isEmpty() ? "" : ",") + "\"type\":\"" + KINDS[kind]
                + "\",\"version\":2}}";
        decodeAs(kind, sign(signer, payload));
    }

    @Property
    void signedPayloadsOfAnyTextDecodeOrAreRefused(@ForAll("claims") String payload,
                                                  @ForAll @IntRange(max = 2) int kind) {
        decodeAs(kind, sign(kind == 2 ? ACCOUNT : OPERATOR, payload));
    }

    @Property
    void anyTokenDecodesOrIsRefused(@ForAll("tokens") String token, @ForAll @IntRange(max = 2) int kind) {
        decodeAs(kind, token);
    }

    @Test
    void aPayloadThatIsNotAJsonObjectIsRefused() {
        for (String payload : List.of("", "[]", "1", "{\"iss\":0,\"iss\":1}")) {
            assertThatThrownBy(() -> UserClaims.decode(sign(ACCOUNT, payload)))
                    .as(payload).isInstanceOf(InvalidJwtException.class);
        }
    }

    @Test
    void aHeaderThatIsJsonNullIsRefused() {
        assertThatThrownBy(() -> UserClaims.decode(base64("null") + ".e30.e30")).isInstanceOf(InvalidJwtException.class);
    }

    private static void decodeAs(int kind, String token) {
        try {
            switch (kind) {
                case 0 -> OperatorClaims.decode(token);
                case 1 -> AccountClaims.decode(token);
                default -> UserClaims.decode(token);
            }
        } catch (InvalidJwtException refused) {
            // the declared refusal
        }
    }

    @Provide
    Arbitrary<String> fields() {
        return fields(value(3), 8);
    }

    @Provide
    Arbitrary<String> claims() {
        Arbitrary<String> value = value(3);
        return Arbitraries.frequencyOf(
                Tuple.of(8, object(value, 8)),
                Tuple.of(1, value),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(12)));
    }

    @Provide
    Arbitrary<String> tokens() {
        Arbitrary<String> part = Arbitraries.frequencyOf(
                Tuple.of(4, claims().map(JwtFuzzTest::base64)),
                Tuple.of(2, Arbitraries.of(base64("{\"typ\":\"JWT\",\"alg\":\"ed25519-nkey\"}"), base64("{}"),
                        base64("{\"alg\":\"none\"}"), base64("[]"), "", "=", "!!")),
                Tuple.of(1, Arbitraries.strings().withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=")
                        .ofMaxLength(40)));
        return part.list().ofMinSize(1).ofMaxSize(4).map(parts -> String.join(".", parts));
    }

    private static Arbitrary<String> value(int depth) {
        Arbitrary<String> scalar = Arbitraries.of(SCALARS);
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<String> inner = Arbitraries.lazy(() -> value(depth - 1));
        return Arbitraries.frequencyOf(
                Tuple.of(5, scalar),
                Tuple.of(2, inner.list().ofMaxSize(3).map(items -> "[" + String.join(",", items) + "]")),
                Tuple.of(3, object(inner, 4)));
    }

    private static Arbitrary<String> object(Arbitrary<String> values, int maxFields) {
        return fields(values, maxFields).map(fields -> "{" + fields + "}");
    }

    private static Arbitrary<String> fields(Arbitrary<String> values, int maxFields) {
        Arbitrary<String> field = Arbitraries.of(KEYS).flatMap(key -> values.map(v -> "\"" + key + "\":" + v));
        return field.list().ofMaxSize(maxFields).map(fields -> String.join(",", fields));
    }

    private static String sign(NKey signer, String payload) {
        String signingInput = base64("{\"typ\":\"JWT\",\"alg\":\"ed25519-nkey\"}") + "." + base64(payload);
        try {
            byte[] signature = signer.sign(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static NKey key(boolean operator) {
        try {
            return operator ? Authority.operatorKey() : Authority.accountKey();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pub(NKey key) {
        try {
            return Authority.pub(key);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
