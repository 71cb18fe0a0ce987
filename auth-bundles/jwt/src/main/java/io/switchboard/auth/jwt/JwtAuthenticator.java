package io.switchboard.auth.jwt;

import io.switchboard.core.config.ServerConfiguration;
import io.switchboard.core.config.ServerOptions;
import io.switchboard.core.spi.auth.AuthDecision;
import io.switchboard.core.spi.auth.AuthRequest;
import io.switchboard.core.spi.auth.Authenticator;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.ZonedDateTime;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * nats-server's decentralized auth: with trusted operators configured, every client brings a
 * user JWT, signed by an account whose JWT a trusted operator signed, and signs the server's
 * nonce with the user's key (unless the JWT is a bearer token). Without trusted operators it
 * passes every client on.
 */
@Component(property = Authenticator.METHOD + "=jwt")
public final class JwtAuthenticator implements Authenticator {

    private static final Logger LOG = LoggerFactory.getLogger(JwtAuthenticator.class);

    /** The trust read from one version of the options; a reload brings new options and a new read. */
    private record Reading(ServerOptions options, Trust trust) {
    }

    private final ServerConfiguration configuration;
    private volatile Reading reading;

    @Activate
    public JwtAuthenticator(@Reference ServerConfiguration configuration) {
        this.configuration = configuration;
        trust(configuration.current());
    }

    @Override
    public boolean wantsNonce() {
        return true;
    }

    @Override
    public CompletionStage<AuthDecision> authenticate(AuthRequest request) {
        ServerOptions options = configuration.current();
        if (!Trust.configured(options)) {
            return CompletableFuture.completedFuture(AuthDecision.next());
        }
        return CompletableFuture.completedFuture(JwtAdmission.decide(trust(options), request, ZonedDateTime.now()));
    }

    private Trust trust(ServerOptions options) {
        Reading current = reading;
        if (current != null && current.options() == options) {
            return current.trust();
        }
        Trust trust = Trust.read(options);
        if (Trust.configured(options)) {
            TrustLog.log(LOG, trust);
        }
        reading = new Reading(options, trust);
        return trust;
    }
}
