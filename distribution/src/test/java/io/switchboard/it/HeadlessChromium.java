package io.switchboard.it;

import io.nats.client.support.JsonParser;
import io.nats.client.support.JsonValue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Debian's Chromium, headless, with a fresh profile and the network features off that would reach
 * out, showing one page, driven through its DevTools protocol over a WebSocket.
 */
final class HeadlessChromium implements AutoCloseable {

    static final String EXECUTABLE = "/usr/bin/chromium";
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Process process;
    private final Path profile;
    private final WebSocket page;
    private final Map<Long, CompletableFuture<JsonValue>> pending;
    private final AtomicLong ids = new AtomicLong();

    private HeadlessChromium(Process process, Path profile, WebSocket page, Map<Long, CompletableFuture<JsonValue>> pending) {
        this.process = process;
        this.profile = profile;
        this.page = page;
        this.pending = pending;
    }

    /** Starts Chromium on {@code url}, 1280 by 1000 pixels, and connects to that page. */
    static HeadlessChromium open(String url) throws Exception {
        Path profile = Files.createTempDirectory("switchboard-chromium");
        Process process = new ProcessBuilder(EXECUTABLE, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--remote-debugging-port=0",
                "--window-size=1280,1000", url).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            String browser = devToolsAddress(process);
            URI base = URI.create(browser.replaceFirst("^ws://", "http://").replaceFirst("/devtools/.*$", ""));
            String target = pageTarget(base, url);
            Map<Long, CompletableFuture<JsonValue>> pending = new ConcurrentHashMap<>();
            WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create(target), new Replies(pending)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            return new HeadlessChromium(process, profile, socket, pending);
        } catch (Exception e) {
            stop(process, profile);
            throw e;
        }
    }

    /** The value of a JavaScript expression on the page. */
    String evaluate(String expression) throws Exception {
        JsonValue result = call("Runtime.evaluate", "{\"expression\":" + quote(expression) + ",\"returnByValue\":true}");
        JsonValue value = result.map.get("result").map.get("value");
        return value == null ? null : value.string != null ? value.string : value.toJson();
    }

    /** The page as a PNG. */
    byte[] screenshot() throws Exception {
        JsonValue result = call("Page.captureScreenshot", "{\"format\":\"png\"}");
        return Base64.getDecoder().decode(result.map.get("data").string);
    }

    private JsonValue call(String method, String params) throws Exception {
        long id = ids.incrementAndGet();
        CompletableFuture<JsonValue> answer = new CompletableFuture<>();
        pending.put(id, answer);
        page.sendText("{\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}", true)
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        JsonValue reply = answer.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        if (reply.map.containsKey("error")) {
            throw new IllegalStateException(method + ": " + reply.map.get("error").toJson());
        }
        return reply.map.get("result");
    }

    /** Collects a reply's frames and completes the call it answers; events are not waited for. */
    private static final class Replies implements WebSocket.Listener {
        private final Map<Long, CompletableFuture<JsonValue>> pending;
        private final StringBuilder message = new StringBuilder();

        Replies(Map<Long, CompletableFuture<JsonValue>> pending) {
            this.pending = pending;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            message.append(data);
            if (last) {
                JsonValue reply = JsonParser.parseUnchecked(message.toString());
                message.setLength(0);
                JsonValue id = reply.map.get("id");
                if (id != null) {
                    CompletableFuture<JsonValue> answer = pending.remove(Long.parseLong(id.toJson()));
                    if (answer != null) {
                        answer.complete(reply);
                    }
                }
            }
            socket.request(1);
            return null;
        }
    }

    private static String devToolsAddress(Process process) throws IOException {
        BufferedReader errors = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + WAIT.toNanos();
        String line;
        while (System.nanoTime() < deadline && (line = errors.readLine()) != null) {
            Matcher listening = LISTENING.matcher(line);
            if (listening.find()) {
                // the rest of what Chromium says (dbus complaints on a machine without one) is not read
                Thread drain = new Thread(() -> errors.lines().forEach(ignored -> { }), "chromium-stderr");
                drain.setDaemon(true);
                drain.start();
                return listening.group(1);
            }
        }
        throw new IllegalStateException("Chromium did not say where its DevTools listen");
    }

    private static String pageTarget(URI base, String url) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> list = http.send(HttpRequest.newBuilder(base.resolve("/json/list")).build(),
                    HttpResponse.BodyHandlers.ofString());
            for (JsonValue target : JsonParser.parse(list.body()).array) {
                if ("page".equals(target.map.get("type").string) && target.map.get("url").string.startsWith(url)) {
                    return target.map.get("webSocketDebuggerUrl").string;
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("Chromium shows no page for " + url);
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Override
    public void close() throws IOException {
        page.abort();
        stop(process, profile);
    }

    private static void stop(Process process, Path profile) throws IOException {
        List<ProcessHandle> all = Stream.concat(process.descendants(), Stream.of(process.toHandle())).toList();
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : all) {
            try {
                handle.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                handle.destroyForcibly();
            }
        }
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
