package io.switchboard.core.spi.auth;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Registered as a service by the core for authenticators whose decisions change while clients stay
 * connected (an account JWT pushed to a resolver): each connected client is decided about again,
 * takes its new permissions and limits, or is closed with 'Authorization Violation' when it is no
 * longer admitted into the same account.
 *
 * @since 1.3
 */
@ProviderType
public interface AdmissionsChanged {

    /** Decides again about every connected client; returns at once. */
    void recheckClients();
}
