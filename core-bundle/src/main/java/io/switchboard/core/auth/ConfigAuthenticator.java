package io.switchboard.core.auth;

import io.switchboard.core.config.ServerOptions;
import io.switchboard.core.spi.auth.AuthDecision;
import io.switchboard.core.spi.auth.AuthRequest;
import io.switchboard.core.spi.auth.Authenticator;
import io.switchboard.core.spi.auth.Permissions;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The credentials the configuration itself holds: a token, a single user, or users with
 * passwords (in clear or bcrypt-hashed, as nats-server takes them). Clients it does not know
 * go on to the plugins.
 */
final class ConfigAuthenticator implements Authenticator {

    private static final String GLOBAL = "$G";

    private final Supplier<ServerOptions> options;

    ConfigAuthenticator(Supplier<ServerOptions> options) {
        this.options = options;
    }

    /** True when the configuration has credentials of this kind at all. */
    static boolean configured(ServerOptions opts) {
        return !opts.authorizationToken().isEmpty() || !opts.username().isEmpty()
                || opts.users().stream().anyMatch(u -> u.nkey().isEmpty());
    }

    /** True when checking a password costs a bcrypt round, too slow for a network thread. */
    static boolean slow(ServerOptions opts) {
        return isBcrypt(opts.password()) || isBcrypt(opts.authorizationToken())
                || opts.users().stream().anyMatch(u -> isBcrypt(u.password()));
    }

    @Override
    public CompletionStage<AuthDecision> authenticate(AuthRequest request) {
        return CompletableFuture.completedFuture(decide(request));
    }

    AuthDecision decide(AuthRequest request) {
        ServerOptions opts = options.get();
        if (!opts.authorizationToken().isEmpty()) {
            return matches(opts.authorizationToken(), request.token())
                    ? AuthDecision.allow(GLOBAL, Permissions.ALL) : AuthDecision.next();
        }
        if (!opts.username().isEmpty()) {
            return equal(opts.username(), request.user()) && matches(opts.password(), request.password())
                    ? AuthDecision.allow(GLOBAL, Permissions.ALL) : AuthDecision.next();
        }
        for (ServerOptions.User user : opts.users()) {
            if (user.nkey().isEmpty() && equal(user.username(), request.user())) {
                return matches(user.password(), request.password())
                        ? AuthDecision.allow(user.account(), user.permissions())
                        : AuthDecision.deny("password mismatch for user \"" + user.username() + "\"");
            }
        }
        return AuthDecision.next();
    }

    private static boolean isBcrypt(String secret) {
        return secret != null && secret.startsWith("$2");
    }

    private static boolean matches(String expected, String given) {
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

    private static boolean equal(String expected, String given) {
        return given != null
                && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
