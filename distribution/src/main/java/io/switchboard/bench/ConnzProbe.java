package io.switchboard.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a server's {@code /connz} takes to list many connections: opens them (each with one
 * subscription), then asks for all of them in one page, a few times, and prints the median and
 * the slowest answer as one JSON line. {@code bench/compare.sh} runs it against both servers.
 *
 * <p>Usage: {@code ConnzProbe <host:port> <monitor URL> <connections> [requests]}
 */
public final class ConnzProbe {

    private static final Pattern LISTED = Pattern.compile("\"num_connections\"\\s*:\\s*(\\d+)");
    private static final int WARM_UP = 3;

    private ConnzProbe() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: ConnzProbe <host:port> <monitor URL> <connections> [requests]");
            System.exit(2);
        }
        String[] hostPort = args[0].split(":");
        int connections = Integer.parseInt(args[2]);
        int requests = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        try (LightConnections open = LightConnections.open(hostPort[0], Integer.parseInt(hostPort[1]), connections, "connz-probe")) {
            System.out.println(measure(URI.create(args[1] + "/connz?limit=" + connections), connections, requests));
        }
    }

    private static String measure(URI connz, int connections, int requests) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest request = HttpRequest.newBuilder(connz).timeout(Duration.ofSeconds(60)).build();
        double[] millis = new double[requests];
        int listed = 0;
        long bytes = 0;
        for (int i = -WARM_UP; i < requests; i++) {
            long start = System.nanoTime();
            HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
            long took = System.nanoTime() - start;
            if (answer.statusCode() != 200) {
                throw new IOException(connz + " answered " + answer.statusCode());
            }
            Matcher count = LISTED.matcher(answer.body());
            listed = count.find() ? Integer.parseInt(count.group(1)) : -1;
            bytes = answer.body().length();
            if (i >= 0) {
                millis[i] = took / 1e6;
            }
        }
        Arrays.sort(millis);
        return String.format(Locale.ROOT, "{\"connections\":%d,\"listed\":%d,\"bytes\":%d,\"p50_ms\":%.1f,\"max_ms\":%.1f}",
                connections, listed, bytes, millis[millis.length / 2], millis[millis.length - 1]);
    }
}
