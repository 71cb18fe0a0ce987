package io.switchboard.auth.jwt;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Where a resolver asks for an account JWT it does not hold: an HTTP server, or the other servers of the cluster. */
@FunctionalInterface
interface AccountLookup {

    /** The JWT found for {@code account}, empty when none came (an error, a timeout); never fails. */
    CompletionStage<Optional<String>> fetch(String account);
}
