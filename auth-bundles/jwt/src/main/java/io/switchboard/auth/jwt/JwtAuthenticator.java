package io.switchboard.auth.jwt;

import io.switchboard.core.config.ServerConfiguration;
import io.switchboard.core.config.ServerOptions;
import io.switchboard.core.spi.auth.AdmissionsChanged;
import io.switchboard.core.spi.auth.AuthDecision;
import io.switchboard.core.spi.auth.AuthRequest;
import io.switchboard.core.spi.auth.Authenticator;
import io.switchboard.core.spi.system.SystemHost;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

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
    private final SystemHost system;
    private final AdmissionsChanged admissions;
    private final Map<Path, AccountDirectory> directories = new ConcurrentHashMap<>();
    private final ExecutorService claimsWork =
            Executors.newSingleThreadExecutor(task -> new Thread(task, "switchboard-jwt-claims"));
    private volatile Reading reading;
    private ClaimsRequests claims;

    @Activate
    public JwtAuthenticator(@Reference ServerConfiguration configuration, @Reference SystemHost system,
                            @Reference AdmissionsChanged admissions) {
        this.configuration = configuration;
        this.system = system;
        this.admissions = admissions;
        trust(configuration.current());
    }

    @Deactivate
    synchronized void deactivate() {
        if (claims != null) {
            claims.stop();
            claims = null;
        }
        claimsWork.shutdownNow();
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
        Trust trust = Trust.read(options, this::directory);
        if (Trust.configured(options)) {
            TrustLog.log(LOG, trust);
        }
        reading = new Reading(options, trust);
        serveClaims(options, trust);
        return trust;
    }

    private AccountDirectory directory(Path path) throws IOException {
        AccountDirectory open = directories.get(path);
        if (open == null) {
            open = AccountDirectory.open(path);
            directories.put(path, open);
        }
        return open;
    }

    /** A full resolver answers the claims requests of the system account; another resolver does not. */
    private synchronized void serveClaims(ServerOptions options, Trust trust) {
        AccountDirectory wanted = null;
        if (Trust.configured(options) && trust.problem().isEmpty() && !trust.systemAccount().isEmpty()) {
            try {
                ResolverSettings settings = ResolverSettings.read(options.raw("resolver").orElseThrow());
                wanted = settings.isDirectory() ? directories.get(settings.directory()) : null;
            } catch (InvalidJwtException e) {
                wanted = null;
            }
        }
        if (claims != null && claims.directory() == wanted) {
            return;
        }
        if (claims != null) {
            claims.stop();
            claims = null;
        }
        if (wanted != null) {
            claims = new ClaimsRequests(system, trust.systemAccount(), wanted, () -> trust(configuration.current()),
                    admissions::recheckClients, claimsWork);
            claims.start();
        }
    }
}
