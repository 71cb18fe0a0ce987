package io.switchboard.core.auth;

import io.switchboard.core.config.ServerOptions;
import io.switchboard.core.spi.auth.AuthDecision;
import io.switchboard.core.spi.auth.AuthRequest;
import io.switchboard.core.spi.auth.Authenticator;
import io.switchboard.core.spi.auth.Permissions;

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
        return Secrets.isBcrypt(opts.password()) || Secrets.isBcrypt(opts.authorizationToken())
                || opts.users().stream().anyMatch(u -> Secrets.isBcrypt(u.password()));
    }

    @Override
    public CompletionStage<AuthDecision> authenticate(AuthRequest request) {
        return CompletableFuture.completedFuture(decide(request));
    }

    AuthDecision decide(AuthRequest request) {
        ServerOptions opts = options.get();
        if (!opts.noAuthUser().isEmpty() && presentsNothing(request)) {
            return as(opts, opts.noAuthUser());
        }
        if (!opts.authorizationToken().isEmpty()) {
            return Secrets.matches(opts.authorizationToken(), request.token())
                    ? AuthDecision.allow(GLOBAL, Permissions.ALL) : AuthDecision.next();
        }
        if (!opts.username().isEmpty()) {
            return Secrets.equal(opts.username(), request.user()) && Secrets.matches(opts.password(), request.password())
                    ? AuthDecision.allow(GLOBAL, Permissions.ALL) : AuthDecision.next();
        }
        for (ServerOptions.User user : opts.users()) {
            if (user.nkey().isEmpty() && Secrets.equal(user.username(), request.user())) {
                return Secrets.matches(user.password(), request.password())
                        ? AuthDecision.allow(user.account(), user.permissions())
                        : AuthDecision.deny("password mismatch for user \"" + user.username() + "\"");
            }
        }
        return AuthDecision.next();
    }

    /** The decision for a client taken as the configured user {@code name} ({@code no_auth_user}). */
    AuthDecision as(ServerOptions opts, String name) {
        for (ServerOptions.User user : opts.users()) {
            if (user.nkey().isEmpty() && user.username().equals(name)) {
                return AuthDecision.allow(user.account(), user.permissions());
            }
        }
        return AuthDecision.deny("no_auth_user \"" + name + "\" is not a configured user");
    }

    /** A client that sent no credentials at all, which no_auth_user admits. */
    static boolean presentsNothing(AuthRequest request) {
        return request.user() == null && request.password() == null && request.token() == null
                && request.nkey() == null && request.jwt() == null;
    }
}
