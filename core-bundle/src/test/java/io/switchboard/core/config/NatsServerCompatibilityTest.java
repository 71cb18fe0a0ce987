package io.switchboard.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs nats-server's configuration check ({@code nats-server -t -c file}) on good and bad files and
 * requires the same verdict from {@link ServerOptions}. nats-server must be installed: the build
 * machines install Debian's nats-server package, and a missing binary fails the test.
 */
class NatsServerCompatibilityTest {

    private static final List<Path> CANDIDATES = List.of(Path.of("/usr/sbin/nats-server"), Path.of("/usr/bin/nats-server"));

    private static Path natsServer;

    @BeforeAll
    static void findNatsServer() {
        natsServer = Stream.concat(CANDIDATES.stream(), pathEntries())
                .filter(Files::isExecutable)
                .findFirst()
                .orElse(null);
        if (natsServer == null) {
            fail("nats-server is not installed; these tests compare with it (Debian: apt-get install nats-server)");
        }
    }

    private static Stream<Path> pathEntries() {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(java.io.File.pathSeparator))
                .filter(entry -> !entry.isEmpty())
                .map(entry -> Path.of(entry, "nats-server"));
    }

    static Stream<Path> goodFiles() throws IOException, URISyntaxException {
        return confFiles("/config/samples");
    }

    static Stream<Path> badFiles() throws IOException, URISyntaxException {
        return confFiles("/config/invalid");
    }

    private static Stream<Path> confFiles(String resource) throws IOException, URISyntaxException {
        Path dir = Path.of(NatsServerCompatibilityTest.class.getResource(resource).toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.toString().endsWith(".conf")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("goodFiles")
    void bothAcceptGoodFiles(Path file) throws Exception {
        String ours = ourVerdict(file);
        String theirs = natsVerdict(file);
        assertEquals("valid", theirs, "nats-server on " + file.getFileName());
        assertEquals("valid", ours, "switchboard on " + file.getFileName());
    }

    @ParameterizedTest
    @MethodSource("badFiles")
    void bothRejectBadFiles(Path file) throws Exception {
        String ours = ourVerdict(file);
        String theirs = natsVerdict(file);
        assertFalse(theirs.equals("valid"), "nats-server accepted " + file.getFileName());
        assertFalse(ours.equals("valid"), "switchboard accepted " + file.getFileName());
        assertTrue(ours.startsWith(file.toString() + ":"), ours);
        assertFalse(ours.contains("\n"), ours);
    }

    /** "valid", or the one-line reason; under -t nats-server refuses settings it only warns about. */
    private static String ourVerdict(Path file) {
        try {
            ServerOptions options = ServerOptions.load("-t", "-c", file.toString());
            return options.warnings().isEmpty() ? "valid" : options.warnings().get(0);
        } catch (ConfigException e) {
            return e.getMessage();
        }
    }

    private static String natsVerdict(Path file) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(natsServer.toString(), "-t", "-c", file.getFileName().toString())
                .directory(file.getParent().toFile())
                .redirectErrorStream(true)
                .start();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                fail("nats-server -t did not finish for " + file);
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return process.exitValue() == 0 ? "valid" : output;
        } finally {
            process.destroyForcibly();
        }
    }
}
