package io.switchboard.auth.jwt;

import io.switchboard.core.nkey.NKeys;
import io.switchboard.core.spi.auth.AuthDecision;
import io.switchboard.core.spi.auth.AuthRequest;
import io.switchboard.core.spi.auth.Permissions;
import io.switchboard.core.spi.auth.UserLimits;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Decides about a client that brings a user JWT, in the order of nats-server 2.9's checks: the
 * user JWT, its connection type, its account's JWT and the operator that signed it, the key that
 * signed the user, bearer tokens, the signed nonce, revocations, source networks and connect
 * times. The client is admitted into the account named by the account's public key, with the
 * user's permissions (or the account's defaults), limits and expiry.
 */
final class JwtAdmission {

    /** The connection types of nats-server 2.9, and those of Switchboard's transports. */
    private static final Set<String> KNOWN_CONNECTION_TYPES = Set.of("STANDARD", "WEBSOCKET", "LEAFNODE", "MQTT");
    private static final Map<String, String> CONNECTION_TYPES = Map.of("client", "STANDARD", "websocket", "WEBSOCKET");

    private JwtAdmission() {
    }

    static AuthDecision decide(Trust trust, AuthRequest request, ZonedDateTime now) {
        if (trust.problem().isPresent()) {
            return AuthDecision.deny(trust.problem().get());
        }
        try {
            return admit(trust, request, now);
        } catch (InvalidJwtException refused) {
            return AuthDecision.deny(refused.getMessage());
        }
    }

    private static AuthDecision admit(Trust trust, AuthRequest request, ZonedDateTime now) throws InvalidJwtException {
        if (request.jwt() == null || request.jwt().isEmpty()) {
            throw new InvalidJwtException("Authentication requires a user JWT");
        }
        UserClaims user = user(request.jwt(), now.toInstant());
        checkConnectionType(user.rights().connectionTypes(), request.transport());
        AccountClaims account = account(trust, user.account(), now.toInstant());
        if (account.maxConnections() == 0) {
            // nats-server admits the client, then closes it at once for the account's connection limit
            throw new InvalidJwtException("maximum account active connections exceeded");
        }
        UserRights rights = rightsByIssuer(trust, account, user);
        if (rights.bearer() && account.disallowBearer()) {
            throw new InvalidJwtException("Account does not allow bearer token");
        }
        if (!rights.bearer()) {
            checkNonceSignature(user.jwt().subject(), request);
        }
        if (account.revoked(user.jwt().subject(), user.jwt().issuedAt())) {
            throw new InvalidJwtException("User authentication revoked");
        }
        InetAddress source = request.remoteAddress() == null ? null : request.remoteAddress().getAddress();
        if (!rights.sources().admits(source)) {
            throw new InvalidJwtException("Bad src Ip " + (source == null ? "" : source.getHostAddress()));
        }
        if (!rights.times().admits(now)) {
            throw new InvalidJwtException("Outside connect times");
        }
        Permissions permissions = rights.permissions().or(account::defaultPermissions).orElse(Permissions.ALL);
        Optional<Instant> expires = Stream.of(user.jwt().expiry(), account.jwt().expiry(), rights.times().windowEnd(now))
                .flatMap(Optional::stream).min(Instant::compareTo);
        UserLimits limits = new UserLimits(stricter(rights.maxSubscriptions(), account.maxSubscriptions()),
                stricter(rights.maxPayload(), account.maxPayload()));
        return AuthDecision.allow(account.jwt().subject(), permissions, expires, limits, account.settings());
    }

    private static UserClaims user(String token, Instant now) throws InvalidJwtException {
        UserClaims user;
        try {
            user = UserClaims.decode(token);
        } catch (InvalidJwtException e) {
            throw new InvalidJwtException("User JWT not valid: " + e.getMessage());
        }
        try {
            user.jwt().checkTimes(now);
        } catch (InvalidJwtException e) {
            throw new InvalidJwtException("User JWT no longer valid: " + e.getMessage());
        }
        if (!user.issuerAccount().isEmpty() && !NKeys.isPublicKey(NKeys.PREFIX_ACCOUNT, user.issuerAccount())) {
            throw new InvalidJwtException("User JWT no longer valid: account_id is not an account public key");
        }
        return user;
    }

    /** Unknown types are ignored, unless no known one is left: then the user may not connect at all. */
    private static void checkConnectionType(List<String> allowed, String transport) throws InvalidJwtException {
        if (allowed.isEmpty()) {
            return;
        }
        List<String> known = allowed.stream().filter(KNOWN_CONNECTION_TYPES::contains).toList();
        if (known.isEmpty() || !known.contains(CONNECTION_TYPES.getOrDefault(transport, ""))) {
            throw new InvalidJwtException("Connection type not allowed");
        }
    }

    private static AccountClaims account(Trust trust, String name, Instant now) throws InvalidJwtException {
        String token = trust.accounts().get(name);
        if (token == null) {
            throw new InvalidJwtException("Account JWT lookup error: account " + name + " is not known to the resolver");
        }
        AccountClaims account = AccountClaims.decode(token);
        if (!account.jwt().subject().equals(name)) {
            throw new InvalidJwtException("Account JWT lookup error: account validation failed");
        }
        if (!trust.trustedKeys().contains(account.jwt().issuer())) {
            throw new InvalidJwtException("Account JWT not signed by trusted operator");
        }
        try {
            account.jwt().checkTimes(now);
        } catch (InvalidJwtException e) {
            throw new InvalidJwtException("Account JWT has expired");
        }
        return account;
    }

    /**
     * The rights the user has, once its issuer is known to be the account or one of its signing
     * keys: a scoped signing key gives its template to users who set no rights of their own.
     */
    private static UserRights rightsByIssuer(Trust trust, AccountClaims account, UserClaims user) throws InvalidJwtException {
        String issuer = user.jwt().issuer();
        boolean ownKey = issuer.equals(account.jwt().subject()) && !trust.strictIssuers().contains(account.jwt().issuer());
        Optional<UserRights> scope = account.signingKeys().getOrDefault(issuer, Optional.empty());
        if (!ownKey && !account.signingKeys().containsKey(issuer)) {
            throw new InvalidJwtException("User JWT issuer is not known");
        }
        if (scope.isEmpty()) {
            return user.rights();
        }
        if (!user.rights().empty()) {
            throw new InvalidJwtException("User JWT is not valid: scoped users require no permissions or limits set");
        }
        return scope.get().withPermissions(templated(scope.get().permissions(), account, user));
    }

    private static Optional<Permissions> templated(Optional<Permissions> template, AccountClaims account, UserClaims user)
            throws InvalidJwtException {
        if (template.isEmpty()) {
            return template;
        }
        PermissionTemplates.Subject subject = new PermissionTemplates.Subject(user.jwt().name(), user.jwt().subject(),
                user.jwt().nats().strings("tags"), account.jwt().name(), user.account(), account.jwt().nats().strings("tags"));
        try {
            return Optional.of(PermissionTemplates.fill(template.get(), subject));
        } catch (InvalidJwtException e) {
            throw new InvalidJwtException("User JWT generated invalid permissions");
        }
    }

    private static void checkNonceSignature(String userKey, AuthRequest request) throws InvalidJwtException {
        if (request.signature() == null || request.signature().isEmpty() || request.nonce() == null) {
            throw new InvalidJwtException("Signature missing");
        }
        byte[] signature;
        try {
            signature = NKeys.decodeSignature(request.signature());
        } catch (IllegalArgumentException e) {
            throw new InvalidJwtException("Signature not valid base64");
        }
        byte[] key;
        try {
            key = NKeys.decodePublicKey(NKeys.PREFIX_USER, userKey);
        } catch (IllegalArgumentException e) {
            throw new InvalidJwtException("User nkey not valid: " + e.getMessage());
        }
        if (!Ed25519.verifies(key, request.nonce().getBytes(StandardCharsets.US_ASCII), signature)) {
            throw new InvalidJwtException("Signature not verified");
        }
    }

    /** The stricter of two JWT limits, where -1 (any negative) is none, as an int for the server. */
    private static int stricter(long user, long account) {
        long limit = user < 0 ? account : account < 0 ? user : Math.min(user, account);
        return (int) Math.max(-1, Math.min(limit, Integer.MAX_VALUE));
    }
}
