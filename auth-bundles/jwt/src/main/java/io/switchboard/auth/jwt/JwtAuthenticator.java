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
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
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
    private final Map<URI, Map<String, String>> fetched = new ConcurrentHashMap<>();
    private final ExecutorService claimsWork =
            Executors.newSingleThreadExecutor(task -> new Thread(task, "switchboard-jwt-claims"));
    private final ExecutorService fetchWork =
            Executors.newSingleThreadExecutor(task -> new Thread(task, "switchboard-jwt-fetch"));
    private volatile Reading reading;
    private volatile MissingAccounts missing;
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
        fetchWork.shutdownNow();
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
        Trust trust = trust(options);
        MissingAccounts lookups = missing;
        if (lookups == null) {
            return CompletableFuture.completedFuture(JwtAdmission.decide(trust, request, ZonedDateTime.now()));
        }
        return lookups.fetchFor(trust, request.jwt(), Instant.now()).thenApply(
                fetchedOrNot -> JwtAdmission.decide(trust(configuration.current()), request, ZonedDateTime.now()));
    }

    private Trust trust(ServerOptions options) {
        Reading current = reading;
        if (current != null && current.options() == options) {
            return current.trust();
        }
        Trust trust = Trust.read(options, new Trust.Directories() {
            @Override
            public AccountDirectory open(Path directory) throws IOException {
                return directory(directory);
            }

            @Override
            public Map<String, String> fetched(URI base) {
                return fetched.computeIfAbsent(base, url -> new ConcurrentHashMap<>());
            }
        });
        if (Trust.configured(options)) {
            TrustLog.log(LOG, trust);
        }
        reading = new Reading(options, trust);
        ResolverSettings settings = settings(options, trust);
        fetchMissing(settings);
        serveClaims(settings, trust);
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

    /** The resolver of a usable trust configuration; null when there is none. */
    private static ResolverSettings settings(ServerOptions options, Trust trust) {
        if (!Trust.configured(options) || trust.problem().isPresent()) {
            return null;
        }
        try {
            return ResolverSettings.read(options.raw("resolver").orElseThrow());
        } catch (InvalidJwtException e) {
            return null;
        }
    }

    /** A URL resolver fetches the accounts it does not hold yet; the memory resolver holds all it ever will. */
    private void fetchMissing(ResolverSettings settings) {
        MissingAccounts current = missing;
        if (settings == null || settings.kind() != ResolverSettings.Kind.URL) {
            missing = null;
            return;
        }
        if (current != null && current.lookup() instanceof UrlAccountLookup url && url.base().equals(settings.url())) {
            return;
        }
        UrlAccountLookup lookup = new UrlAccountLookup(settings.url(), settings.timeout(), fetchWork);
        Map<String, String> accounts = fetched.computeIfAbsent(settings.url(), url -> new ConcurrentHashMap<>());
        missing = new MissingAccounts(lookup, (account, jwt) -> accounts.put(account, jwt));
        lookup.probe();
    }

    /** A directory resolver answers the claims requests of the system account; another resolver does not. */
    private synchronized void serveClaims(ResolverSettings settings, Trust trust) {
        AccountDirectory wanted = null;
        if (settings != null && settings.isDirectory() && !trust.systemAccount().isEmpty()) {
            wanted = directories.get(settings.directory());
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
