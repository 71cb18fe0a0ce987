package io.switchboard.auth.jwt;

import io.switchboard.core.spi.auth.AccountSettings;
import io.switchboard.core.spi.auth.Permissions;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An account JWT: the account's public key (its subject), the operator key that signed it, the
 * keys that may sign its users, its revocations and its limits.
 *
 * @param signingKeys the account's signing keys; a scoped key carries the rights of the users it signs
 * @param revocations user public keys (or {@code *} for all) and the time before which their JWTs were revoked
 * @param maxConnections the account's {@code conn} limit: -1 for none, 0 when it admits nobody
 * @param settings what the server applies to the account: its subject mappings
 */
record AccountClaims(NatsJwt jwt, Map<String, Optional<UserRights>> signingKeys, Map<String, Long> revocations,
                     long maxSubscriptions, long maxPayload, long maxConnections, boolean disallowBearer,
                     Optional<Permissions> defaultPermissions, AccountSettings settings) {

    private static final String ALL_USERS = "*";
    private static final String USER_SCOPE = "user_scope";

    static AccountClaims decode(String token) throws InvalidJwtException {
        NatsJwt jwt = NatsJwt.decode(token, NatsJwt.Kind.ACCOUNT);
        ClaimMap nats = jwt.nats();
        ClaimMap limits = nats.map("limits");
        return new AccountClaims(jwt, signingKeys(nats), revocations(nats.map("revocations")),
                limits.number("subs"), limits.number("payload"), limits.number("conn"), limits.flag("disallow_bearer"),
                JwtPermissions.read(nats.map("default_permissions")), new AccountSettings(mappings(nats.map("mappings"))));
    }

    /** {@code mappings}: each source subject with a list of {@code {subject, weight, cluster}}. */
    private static Map<String, List<AccountSettings.MappingDestination>> mappings(ClaimMap mappings)
            throws InvalidJwtException {
        Map<String, List<AccountSettings.MappingDestination>> read = new LinkedHashMap<>();
        for (String source : mappings.fields().keySet()) {
            List<AccountSettings.MappingDestination> destinations = new ArrayList<>();
            for (Object entry : mappings.list(source)) {
                ClaimMap destination = ClaimMap.of(entry, "a mapping destination");
                destinations.add(new AccountSettings.MappingDestination(destination.string("subject"),
                        (int) destination.number("weight"), destination.string("cluster")));
            }
            read.put(source, destinations);
        }
        return read;
    }

    /** True when the user's JWT, issued at {@code issuedAt}, was revoked: at or after it was issued. */
    boolean revoked(String user, long issuedAt) {
        Long forUser = revocations.get(user);
        Long forAll = revocations.get(ALL_USERS);
        return (forUser != null && forUser >= issuedAt) || (forAll != null && forAll >= issuedAt);
    }

    /** Signing keys are written as plain keys or as scopes: {@code {kind: user_scope, key, template}}. */
    private static Map<String, Optional<UserRights>> signingKeys(ClaimMap nats) throws InvalidJwtException {
        Map<String, Optional<UserRights>> keys = new HashMap<>();
        for (Object entry : nats.list("signing_keys")) {
            if (entry instanceof String key) {
                keys.put(key, Optional.empty());
                continue;
            }
            ClaimMap scope = ClaimMap.of(entry, "a signing key");
            if (!USER_SCOPE.equals(scope.string("kind"))) {
                throw new InvalidJwtException("signing key scope of unknown kind \"" + scope.string("kind") + "\"");
            }
            keys.put(scope.string("key"), Optional.of(UserRights.read(scope.map("template"))));
        }
        return keys;
    }

    private static Map<String, Long> revocations(ClaimMap list) throws InvalidJwtException {
        Map<String, Long> revoked = new HashMap<>();
        for (String key : list.fields().keySet()) {
            revoked.put(key, list.number(key));
        }
        return revoked;
    }
}
