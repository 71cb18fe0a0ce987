package io.switchboard.auth.jwt;

import java.util.List;

/**
 * An operator JWT: the operator's public key (its subject) and its signing keys, whose
 * accounts the server trusts.
 *
 * @param strictSigningKeys the operator's {@code strict_signing_key_usage}: only its signing keys
 *     sign accounts, and accounts it signs sign users only with their signing keys
 */
record OperatorClaims(NatsJwt jwt, List<String> signingKeys, String systemAccount, boolean strictSigningKeys) {

    static OperatorClaims decode(String token) throws InvalidJwtException {
        NatsJwt jwt = NatsJwt.decode(token, NatsJwt.Kind.OPERATOR);
        ClaimMap nats = jwt.nats();
        return new OperatorClaims(jwt, nats.strings("signing_keys"), nats.string("system_account"),
                nats.flag("strict_signing_key_usage"));
    }
}
