package io.switchboard.core.auth;

import io.switchboard.core.config.ServerOptions;
import io.switchboard.core.spi.auth.AuthDecision;
import io.switchboard.core.spi.auth.AuthRequest;
import io.switchboard.core.spi.auth.Authenticator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Asks the configuration's own credentials, then each plugin authenticator by service
 * ranking, until one allows or denies; when all pass, the client is refused. Fails closed:
 * while a method the configuration needs has no authenticator, everyone who needs auth is
 * refused; a plugin that throws, or does not answer within the auth timeout, denies.
 */
public final class AuthChain implements AutoCloseable {

    /** One registered plugin. */
    public record Plugin(Authenticator authenticator, String method, int ranking, long serviceId) {
    }

    private static final Comparator<Plugin> ORDER = Comparator.comparingInt(Plugin::ranking).reversed()
            .thenComparingLong(Plugin::serviceId);

    private final Supplier<ServerOptions> options;
    private final ConfigAuthenticator configured;
    private final ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "switchboard-auth");
        thread.setDaemon(true);
        return thread;
    });
    private volatile List<Plugin> plugins = List.of();

    public AuthChain(Supplier<ServerOptions> options) {
        this.options = options;
        this.configured = new ConfigAuthenticator(options);
    }

    public synchronized void add(Plugin plugin) {
        List<Plugin> next = new ArrayList<>(plugins);
        next.add(plugin);
        next.sort(ORDER);
        plugins = List.copyOf(next);
    }

    public synchronized void remove(long serviceId) {
        plugins = plugins.stream().filter(p -> p.serviceId() != serviceId).toList();
    }

    /**
     * True when a client must authenticate: the configuration holds credentials or needs a
     * plugin method. Plugins alone do not close an open server; once auth is required, every
     * plugin present takes part.
     */
    public boolean required() {
        ServerOptions opts = options.get();
        return ConfigAuthenticator.configured(opts) || !requiredMethods(opts).isEmpty();
    }

    /**
     * True when INFO must carry a nonce for the client to sign: a needed method signs one. NKey
     * and JWT users always do, so their INFO keeps its nonce while their plugin is being swapped.
     */
    public boolean nonceRequired() {
        Set<String> needed = requiredMethods(options.get());
        return needed.contains("nkey") || needed.contains("jwt")
                || plugins.stream().anyMatch(p -> needed.contains(p.method()) && p.authenticator().wantsNonce());
    }

    /**
     * The decision about {@code request}: allow or deny, never "next". Complete at once when
     * only the configuration's cheap credentials are involved, otherwise later, off the caller's thread.
     */
    public CompletableFuture<AuthDecision> authenticate(AuthRequest request) {
        ServerOptions opts = options.get();
        List<Plugin> chain = plugins;
        Set<String> missing = missingMethods(opts, chain);
        if (!missing.isEmpty()) {
            return CompletableFuture.completedFuture(
                    AuthDecision.deny("no authenticator available for " + String.join(", ", missing)));
        }
        if (chain.isEmpty() && !ConfigAuthenticator.slow(opts)) {
            return CompletableFuture.completedFuture(finalDecision(configured.decide(request)));
        }
        Duration timeout = opts.authTimeout();
        return CompletableFuture.supplyAsync(() -> configured.decide(request), executor)
                .thenCompose(first -> first instanceof AuthDecision.Next ? ask(chain, 0, request) : done(first))
                .orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS)
                .exceptionally(failure -> AuthDecision.deny("authenticator failed: " + rootCause(failure)))
                .thenApply(AuthChain::finalDecision);
    }

    /** The decision for a client taken as the configured user {@code name}, such as a transport's no_auth_user. */
    public AuthDecision authenticateAs(String name) {
        return configured.as(options.get(), name);
    }

    private CompletionStage<AuthDecision> ask(List<Plugin> chain, int at, AuthRequest request) {
        if (at == chain.size()) {
            return done(AuthDecision.next());
        }
        Plugin plugin = chain.get(at);
        CompletionStage<AuthDecision> stage;
        try {
            stage = plugin.authenticator().authenticate(request);
        } catch (RuntimeException e) {
            return done(AuthDecision.deny(plugin.method() + " authenticator threw " + e));
        }
        return stage.thenComposeAsync(decision -> decision == null || decision instanceof AuthDecision.Next
                ? ask(chain, at + 1, request) : done(decision), executor);
    }

    private static CompletionStage<AuthDecision> done(AuthDecision decision) {
        return CompletableFuture.completedFuture(decision);
    }

    private static AuthDecision finalDecision(AuthDecision decision) {
        return decision instanceof AuthDecision.Next ? AuthDecision.deny(null) : decision;
    }

    private static String rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof TimeoutException ? "timed out" : cause.toString();
    }

    /** The plugin methods the configuration needs that no plugin present provides. */
    public Set<String> missingMethods() {
        return missingMethods(options.get(), plugins);
    }

    private static Set<String> missingMethods(ServerOptions opts, List<Plugin> chain) {
        Set<String> missing = new TreeSet<>(requiredMethods(opts));
        chain.forEach(p -> missing.remove(p.method()));
        return missing;
    }

    /**
     * The plugin methods the configuration cannot do without: nkey for users with NKeys, jwt for
     * trusted operators (nats-server's decentralized auth, where every client brings a user JWT).
     */
    static Set<String> requiredMethods(ServerOptions opts) {
        Set<String> methods = new TreeSet<>(opts.authenticators());
        if (opts.users().stream().anyMatch(u -> !u.nkey().isEmpty())) {
            methods.add("nkey");
        }
        if (opts.raw("operator").isPresent() || opts.raw("trusted_keys").isPresent()) {
            methods.add("jwt");
        }
        return methods;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
