package io.switchboard.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.core.ConditionTimeoutException;

import static org.awaitility.Awaitility.await;

/**
 * A broker run as a real process on loopback with an ephemeral port: the assembled
 * {@code bin/switchboard}, or Debian's nats-server as the reference it is compared with.
 * Both log the same listening line, which gives the port.
 */
final class ServerProcess implements AutoCloseable {

    static final String NATS_SERVER = "/usr/sbin/nats-server";

    private static final Pattern SNIPPET_TAIL = Pattern.compile("(proto='\".*?)\\\\r.*'$");
    private static final Pattern READ_SPLIT = Pattern.compile("Buffer len \\d+");
    private static final Pattern LEVEL = Pattern.compile("\\[[A-Z]{3}]");
    private static final Pattern LISTENING = Pattern.compile("Listening for client connections on [^ ]+:(\\d+)");
    private static final Pattern ROUTES_LISTENING = Pattern.compile("Listening for route connections on [^ ]+:(\\d+)");
    private static final Pattern MONITOR_LISTENING = Pattern.compile("Starting https? monitor on [^ ]+:(\\d+)");
    private static final Pattern WEBSOCKET_LISTENING = Pattern.compile("Listening for websocket clients on [^ ]+:(\\d+)");
    private static final Pattern LEAF_LISTENING = Pattern.compile("Listening for leafnode connections on [^ ]+:(\\d+)");
    private static final Pattern MQTT_LISTENING = Pattern.compile("Listening for MQTT clients on [^ ]+:(\\d+)");

    private static final List<ServerProcess> LAUNCHED = new CopyOnWriteArrayList<>();

    private final Process process;
    private final Path logFile;
    private final String command;

    private ServerProcess(Process process, Path logFile, String command) {
        this.process = process;
        this.logFile = logFile;
        this.command = command;
    }

    /** How many servers this test run has launched so far: a mark for {@link #launchedSince}. */
    static int launchedCount() {
        return LAUNCHED.size();
    }

    /** The servers launched after {@code mark}, in launch order, running or not. */
    static List<ServerProcess> launchedSince(int mark) {
        return List.copyOf(LAUNCHED.subList(mark, LAUNCHED.size()));
    }

    String command() {
        return command;
    }

    static Path home() {
        return Path.of(System.getProperty("switchboard.home", "target/switchboard"));
    }

    /** Starts Switchboard with the given flags, not waiting for it. */
    static ServerProcess launch(String... flags) throws IOException {
        return launchExecutable(home().resolve("bin/switchboard").toString(), Map.of(), flags);
    }

    private static ServerProcess launchExecutable(String executable, Map<String, String> environment, String... flags)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(executable);
        command.addAll(List.of(flags));
        Path logFile = Files.createTempFile("server-process", ".log");
        logFile.toFile().deleteOnExit();
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile.toFile());
        builder.environment().putAll(environment);
        ServerProcess server = new ServerProcess(builder.start(), logFile, String.join(" ", command));
        LAUNCHED.add(server);
        return server;
    }

    /** Starts Switchboard on 127.0.0.1 and a free port and waits until it is ready. */
    static ServerProcess start(String... flags) throws IOException {
        return startIn(home(), flags);
    }

    /** As {@link #start}, from the broker assembled at {@code home}. */
    static ServerProcess startIn(Path home, String... flags) throws IOException {
        return startIn(home, Map.of(), flags);
    }

    /** As {@link #startIn(Path, String...)}, with {@code environment} added to the process's own. */
    static ServerProcess startIn(Path home, Map<String, String> environment, String... flags) throws IOException {
        return startExecutable(home.resolve("bin/switchboard").toString(), environment, flags);
    }

    /** The environment that has the JVM write its own record of where each class came from to {@code file}. */
    static Map<String, String> classLoadLog(Path file) {
        return Map.of("JDK_JAVA_OPTIONS", "-Xlog:class+load:file=" + file);
    }

    /** Starts nats-server on 127.0.0.1 and a free port and waits until it is ready. */
    static ServerProcess startNatsServer(String... flags) throws IOException {
        return startExecutable(NATS_SERVER, Map.of(), flags);
    }

    private static ServerProcess startExecutable(String executable, Map<String, String> environment, String... flags)
            throws IOException {
        List<String> all = new ArrayList<>(List.of("-a", "127.0.0.1", "-p", "-1"));
        all.addAll(List.of(flags));
        ServerProcess broker = launchExecutable(executable, environment, all.toArray(String[]::new));
        await().atMost(Duration.ofSeconds(30)).until(() -> broker.logContains("Server is ready") || !broker.process.isAlive());
        if (!broker.process.isAlive()) {
            throw new IllegalStateException("broker exited: " + broker.log());
        }
        return broker;
    }

    /**
     * Starts {@code server}, "nats-server" or "switchboard", with a configuration file holding
     * {@code config}, and waits until it says it is ready: clients may connect at once.
     */
    static ServerProcess startNamed(String server, String config) throws IOException {
        String file = configFile(config).toString();
        return server.equals("nats-server") ? startNatsServer("-c", file) : start("-c", file);
    }

    /** A configuration file with {@code text}, removed when the JVM exits. */
    static Path configFile(String text) throws IOException {
        Path file = Files.createTempFile("switchboard-it", ".conf");
        file.toFile().deleteOnExit();
        Files.writeString(file, text);
        return file;
    }

    int port() {
        return listeningPort(LISTENING).orElseThrow(() -> new IllegalStateException("no listening line in " + log()));
    }

    /** The websocket port, once the websocket listener has said it listens. */
    int websocketPort() {
        return awaitPort(WEBSOCKET_LISTENING, "websocket listening");
    }

    /** The MQTT port, once the MQTT listener has said it listens. */
    int mqttPort() {
        return awaitPort(MQTT_LISTENING, "MQTT listening");
    }

    /** The leaf node port, once the leaf node listener has said it listens. */
    int leafPort() {
        return awaitPort(LEAF_LISTENING, "leafnode listening");
    }

    /** The monitoring port, once the monitor has said it listens. */
    int monitorPort() {
        return awaitPort(MONITOR_LISTENING, "http monitor");
    }

    /** The port routes connect to, once the server logged that it listens for them. */
    int routePort() {
        return awaitPort(ROUTES_LISTENING, "route listening");
    }

    private int awaitPort(Pattern listening, String what) {
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> listeningPort(listening).isPresent() || !process.isAlive());
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("no " + what + " line within 30 s in " + log(), e);
        }
        return listeningPort(listening).orElseThrow(() -> new IllegalStateException("no " + what + " line in " + log()));
    }

    private Optional<Integer> listeningPort(Pattern listening) {
        for (String line : log()) {
            Matcher m = listening.matcher(line);
            if (m.find()) {
                return Optional.of(Integer.parseInt(m.group(1)));
            }
        }
        return Optional.empty();
    }

    String url() {
        return "nats://127.0.0.1:" + port();
    }

    boolean logContains(String text) {
        return log().stream().anyMatch(l -> l.contains(text));
    }

    /** Everything the server has printed so far, line by line. */
    List<String> log() {
        try {
            return Files.readAllLines(logFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What the server logged about one client connection, once it has logged its close:
     * level and text, with the client's address and id taken out and the subscriptions it
     * dropped in a stable order (nats-server walks them in map order). Some things depend on
     * how TCP happened to split the reads and are left out: parser error snippets are cut at
     * their first line end, buffered lengths blanked, and operations traced after an error or
     * the close (the rest of the last read) dropped.
     */
    List<String> connectionLog(long cid) {
        String tag = " - cid:" + cid + " - ";
        await().atMost(Duration.ofSeconds(10)).until(() -> log().stream()
                .anyMatch(l -> l.contains(tag) && l.contains("Client connection closed")));
        List<String> lines = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        boolean ending = false;
        for (String line : log()) {
            int at = line.indexOf(tag);
            if (at < 0) {
                continue;
            }
            Matcher level = LEVEL.matcher(line);
            String text = (level.find() ? level.group() : "") + " " + line.substring(at + tag.length());
            text = READ_SPLIT.matcher(SNIPPET_TAIL.matcher(text).replaceAll("$1...'")).replaceAll("Buffer len N");
            if (text.contains("<-> [DELSUB ")) {
                dropped.add(text);
            } else if (!ending || !text.contains("<<- [")) {
                lines.add(text);
            }
            ending |= text.contains("Client connection closed") || text.startsWith("[ERR]");
        }
        dropped.sort(null);
        lines.addAll(dropped);
        return lines;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Sends SIGTERM and waits for the exit status. */
    int stop() throws InterruptedException {
        process.destroy();
        return awaitExit(Duration.ofSeconds(30));
    }

    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException("broker did not exit within " + timeout + ": " + log());
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
