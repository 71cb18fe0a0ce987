package io.switchboard.core.spi.auth;

import org.osgi.annotation.versioning.ConsumerType;

import java.util.concurrent.CompletionStage;

/**
 * Decides about one connecting client. Registered as an OSGi service; the server asks its
 * authenticators in order of service ranking (highest first) until one allows or denies.
 * When every one passes, the client is refused. Calls come on a server thread that is never
 * a network thread; a decision that is not there within the auth timeout counts as a denial,
 * and so does an exception.
 */
@ConsumerType
public interface Authenticator {

    /**
     * Service property naming the method an authenticator provides ({@code nkey}, {@code jwt},
     * or a plugin's own name). While a method that the configuration needs has no
     * authenticator, clients are refused: auth fails closed during a plugin update.
     */
    String METHOD = "switchboard.auth.method";

    CompletionStage<AuthDecision> authenticate(AuthRequest request);

    /** True when this method needs the server to send a nonce for the client to sign. */
    default boolean wantsNonce() {
        return false;
    }
}
