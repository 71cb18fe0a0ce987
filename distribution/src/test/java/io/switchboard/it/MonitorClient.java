package io.switchboard.it;

import io.nats.client.support.JsonParser;
import io.nats.client.support.JsonValue;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** An HTTP client of a broker's monitoring port: Switchboard's or nats-server's. */
final class MonitorClient {

    private final HttpClient http;
    private final String base;

    MonitorClient(int port) {
        this(HttpClient.newBuilder(), "http://127.0.0.1:" + port);
    }

    private MonitorClient(HttpClient.Builder http, String base) {
        this.http = http.connectTimeout(Duration.ofSeconds(5)).build();
        this.base = base;
    }

    /** A client of a monitoring port served over TLS, trusting {@code tls}. */
    static MonitorClient https(int port, SSLContext tls) {
        return new MonitorClient(HttpClient.newBuilder().sslContext(tls), "https://localhost:" + port);
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)));
    }

    HttpResponse<String> post(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path));
    }

    JsonValue json(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = get(path);
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JsonParser.parse(response.body());
    }

    /** The {@code /bundlez} entry of the bundle with that symbolic name. */
    Optional<JsonValue> bundle(String symbolicName) throws IOException, InterruptedException {
        return json("/bundlez").map.get("bundles").array.stream()
                .filter(b -> symbolicName.equals(b.map.get("symbolic_name").string)).findFirst();
    }

    /** Whether that bundle is ACTIVE in that version. */
    boolean active(String symbolicName, String version) throws IOException, InterruptedException {
        return bundle(symbolicName).filter(b -> version.equals(b.map.get("version").string)
                && "ACTIVE".equals(b.map.get("state").string)).isPresent();
    }
}
