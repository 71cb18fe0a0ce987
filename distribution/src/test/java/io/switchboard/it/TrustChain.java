package io.switchboard.it;

import io.nats.client.NKey;
import io.nats.client.support.JwtUtils;

/**
 * Operator and account JWTs as nsc issues them, made with nats.java's {@link JwtUtils}, and the
 * configuration that trusts them: the operator inline, the accounts preloaded into the MEMORY resolver.
 */
final class TrustChain {

    /** Account limits as nsc writes them by default: none. */
    static final String NO_LIMITS = "\"limits\":{\"subs\":-1,\"data\":-1,\"payload\":-1,\"conn\":-1,\"leaf\":-1,"
            + "\"imports\":-1,\"exports\":-1}";

    private TrustChain() {
    }

    static String operatorJwt(NKey operator, long issuedAt) throws Exception {
        return JwtUtils.issueJWT(operator, pub(operator), "operator", null, issuedAt, pub(operator),
                () -> "{\"type\":\"operator\",\"version\":2}");
    }

    /** An account signed by the operator, with {@code fields} of its {@code nats} claims. */
    static String accountJwt(NKey operator, NKey account, long issuedAt, String fields) throws Exception {
        return JwtUtils.issueJWT(operator, pub(account), "account", null, issuedAt, pub(operator),
                () -> "{\"type\":\"account\",\"version\":2," + fields + "}");
    }

    /** The configuration lines that trust {@code operatorSetting} and preload the {@code accounts} lines. */
    static String config(String operatorSetting, String systemAccount, String... accounts) {
        return "operator: " + operatorSetting + "\n"
                + "system_account: " + systemAccount + "\n"
                + "resolver: MEMORY\n"
                + "resolver_preload: {\n  " + String.join("\n  ", accounts) + "\n}\n";
    }

    static String pub(NKey key) throws Exception {
        return new String(key.getPublicKey());
    }
}
