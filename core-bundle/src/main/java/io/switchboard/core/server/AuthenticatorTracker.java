package io.switchboard.core.server;

import io.switchboard.core.auth.AuthChain;
import io.switchboard.core.spi.auth.Authenticator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Follows the authenticator services that plugins register and keeps the server's chain in step. */
final class AuthenticatorTracker extends ServiceTracker<Authenticator, AuthChain.Plugin> {

    private static final Logger LOG = LoggerFactory.getLogger(AuthenticatorTracker.class);

    private final NatsServer server;

    AuthenticatorTracker(BundleContext context, NatsServer server) {
        super(context, Authenticator.class, null);
        this.server = server;
    }

    @Override
    public AuthChain.Plugin addingService(ServiceReference<Authenticator> reference) {
        Authenticator authenticator = context.getService(reference);
        if (authenticator == null) {
            return null;
        }
        AuthChain.Plugin plugin = plugin(reference, authenticator);
        LOG.info("Authenticator \"{}\" available (ranking {})", plugin.method(), plugin.ranking());
        server.addAuthenticator(plugin);
        return plugin;
    }

    @Override
    public void modifiedService(ServiceReference<Authenticator> reference, AuthChain.Plugin plugin) {
        server.removeAuthenticator(plugin.serviceId());
        server.addAuthenticator(plugin(reference, plugin.authenticator()));
    }

    @Override
    public void removedService(ServiceReference<Authenticator> reference, AuthChain.Plugin plugin) {
        LOG.info("Authenticator \"{}\" gone", plugin.method());
        server.removeAuthenticator(plugin.serviceId());
        context.ungetService(reference);
    }

    private static AuthChain.Plugin plugin(ServiceReference<Authenticator> reference, Authenticator authenticator) {
        Object method = reference.getProperty(Authenticator.METHOD);
        Object ranking = reference.getProperty(Constants.SERVICE_RANKING);
        return new AuthChain.Plugin(authenticator, method == null ? "unnamed" : method.toString(),
                ranking instanceof Integer r ? r : 0, (Long) reference.getProperty(Constants.SERVICE_ID));
    }
}
