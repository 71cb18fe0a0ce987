package io.switchboard.auth.jwt;

/**
 * A user JWT: the user's public key (its subject), who signed it, and what it allows.
 *
 * @param issuerAccount the account the user belongs to when a signing key of that account issued
 *     the JWT; empty when the account's own key did
 */
record UserClaims(NatsJwt jwt, String issuerAccount, UserRights rights) {

    static UserClaims decode(String token) throws InvalidJwtException {
        NatsJwt jwt = NatsJwt.decode(token, NatsJwt.Kind.USER);
        return new UserClaims(jwt, jwt.nats().string("issuer_account"), UserRights.read(jwt.nats()));
    }

    /** The account the user belongs to: the issuer account, or else the issuer. */
    String account() {
        return issuerAccount.isEmpty() ? jwt.issuer() : issuerAccount;
    }
}
