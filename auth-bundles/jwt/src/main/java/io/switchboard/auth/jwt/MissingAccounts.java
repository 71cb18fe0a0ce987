package io.switchboard.auth.jwt;

import io.switchboard.core.nkey.NKeys;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Fetches the account of a connecting user when the resolver does not hold it, or holds it expired,
 * as nats-server looks an account up before it decides about the user. What comes back is kept only
 * when it is the account's JWT and a trusted operator signed it; otherwise the account stays unknown
 * and the user is refused.
 */
final class MissingAccounts {

    /** Keeps a fetched account JWT where the resolver holds its accounts. */
    @FunctionalInterface
    interface Keeper {
        void keep(String account, String jwt) throws IOException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(MissingAccounts.class);

    private final AccountLookup lookup;
    private final Keeper keeper;

    MissingAccounts(AccountLookup lookup, Keeper keeper) {
        this.lookup = lookup;
        this.keeper = keeper;
    }

    AccountLookup lookup() {
        return lookup;
    }

    /** Completes once the account of {@code userJwt} is held, or it is known that it cannot be; never fails. */
    CompletionStage<Void> fetchFor(Trust trust, String userJwt, Instant now) {
        Optional<String> account = unheld(trust, userJwt, now);
        if (account.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return lookup.fetch(account.get()).thenAccept(jwt -> jwt.ifPresent(found -> keep(trust, account.get(), found)));
    }

    private static Optional<String> unheld(Trust trust, String userJwt, Instant now) {
        if (userJwt == null || userJwt.isEmpty()) {
            return Optional.empty();
        }
        String account;
        try {
            account = UserClaims.decode(userJwt).account();
        } catch (InvalidJwtException e) {
            return Optional.empty();
        }
        if (!NKeys.isPublicKey(NKeys.PREFIX_ACCOUNT, account)) {
            return Optional.empty();
        }
        String held = trust.accounts().get(account);
        if (held == null) {
            return Optional.of(account);
        }
        try {
            AccountClaims.decode(held).jwt().checkTimes(now);
            return Optional.empty();
        } catch (InvalidJwtException expired) {
            return Optional.of(account);
        }
    }

    private void keep(Trust trust, String account, String jwt) {
        try {
            AccountClaims claims = AccountClaims.decode(jwt);
            if (claims.jwt().subject().equals(account) && trust.trustedKeys().contains(claims.jwt().issuer())) {
                keeper.keep(account, jwt);
            }
        } catch (InvalidJwtException notAnAccount) {
            LOG.warn("Account fetch for {} failed: {}", account, notAnAccount.getMessage());
        } catch (IOException e) {
            LOG.error("Account {} fetched and not kept: {}", account, e.toString());
        }
    }
}
