package io.switchboard.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
    private static final byte[] PONG = "PONG\r\n".getBytes(StandardCharsets.US_ASCII);
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
        List<Socket> sockets = open(hostPort[0], Integer.parseInt(hostPort[1]), connections);
        try {
            System.out.println(measure(URI.create(args[1] + "/connz?limit=" + connections), connections, requests));
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    /** Every connection sends its CONNECT, SUB and PING first; then each PONG is awaited. */
    private static List<Socket> open(String host, int port, int connections) throws IOException {
        List<Socket> sockets = new ArrayList<>(connections);
        for (int i = 0; i < connections; i++) {
            Socket socket = new Socket();
            socket.setSoTimeout(30_000);
            socket.connect(new InetSocketAddress(host, port), 30_000);
            sockets.add(socket);
            OutputStream out = socket.getOutputStream();
            out.write(("CONNECT {\"verbose\":false,\"pedantic\":false,\"name\":\"connz-probe-" + i + "\"}\r\nSUB probe."
                    + i + " 1\r\nPING\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        byte[] buffer = new byte[4096];
        for (Socket socket : sockets) {
            awaitPong(socket.getInputStream(), buffer);
        }
        return sockets;
    }

    private static void awaitPong(InputStream in, byte[] buffer) throws IOException {
        int matched = 0;
        while (matched < PONG.length) {
            int n = in.read(buffer, 0, 1);
            if (n < 0) {
                throw new IOException("connection closed before its PONG");
            }
            matched = buffer[0] == PONG[matched] ? matched + 1 : (buffer[0] == PONG[0] ? 1 : 0);
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
