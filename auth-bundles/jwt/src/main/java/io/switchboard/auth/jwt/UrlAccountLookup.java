package io.switchboard.auth.jwt;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * nats-server's URL resolver: an account JWT is the body of {@code GET <base><account public key>}
 * when the answer is 200, given up after the fetch timeout. The client and its connections go with it.
 */
final class UrlAccountLookup implements AccountLookup {

    private static final Logger LOG = LoggerFactory.getLogger(UrlAccountLookup.class);
    private static final int OK = 200;

    private final URI base;
    private final Duration timeout;
    private final HttpClient client;

    UrlAccountLookup(URI base, Duration timeout, Executor executor) {
        this.base = base;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).executor(executor).build();
    }

    URI base() {
        return base;
    }

    @Override
    public CompletionStage<Optional<String>> fetch(String account) {
        URI url = base.resolve(account);
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).GET().build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .handle((response, error) -> {
                    if (error != null) {
                        LOG.warn("Account fetch failed: could not fetch <\"{}\">: {}", url, error.toString());
                        return Optional.empty();
                    }
                    if (response.statusCode() != OK) {
                        LOG.warn("Account fetch failed: could not fetch <\"{}\">: {}", url, response.statusCode());
                        return Optional.empty();
                    }
                    return Optional.of(response.body().trim());
                });
    }

    /** nats-server fetches the base URL at start and refuses to start when that fails; Switchboard only says so. */
    void probe() {
        fetch("").thenAccept(answer -> {
            if (answer.isEmpty()) {
                LOG.error("The account resolver at {} did not answer: accounts it serves are unknown until it does", base);
            }
        });
    }
}
