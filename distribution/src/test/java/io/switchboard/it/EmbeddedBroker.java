package io.switchboard.it;

import io.switchboard.launcher.BrokerRuntime;
import io.switchboard.logging.LogSettings;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/**
 * The broker in this JVM (Felix embedded, as {@code bin/switchboard} runs it) on 127.0.0.1 and a
 * free port, logging to a file of its own: for tests that reach into the framework, stopping,
 * starting and deploying bundles while clients are connected.
 */
final class EmbeddedBroker implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("client connections on 127\\.0\\.0\\.1:(\\d+)");

    private final BrokerRuntime runtime;
    private final Path logFile;

    private EmbeddedBroker(BrokerRuntime runtime, Path logFile) {
        this.runtime = runtime;
        this.logFile = logFile;
    }

    /** Starts the broker of {@code home} with {@code flags}, logging to {@code logFile}, and waits until it is ready. */
    static EmbeddedBroker start(Path home, Path logFile, String... flags) throws Exception {
        List<String> args = new ArrayList<>(List.of("-a", "127.0.0.1", "-p", "-1", "-l", logFile.toString()));
        args.addAll(List.of(flags));
        EmbeddedBroker broker = new EmbeddedBroker(BrokerRuntime.start(home, args), logFile);
        await().atMost(Duration.ofSeconds(30)).until(() -> broker.log().contains("Server is ready"));
        return broker;
    }

    String url() throws IOException {
        Matcher port = LISTENING.matcher(log());
        if (!port.find()) {
            throw new IllegalStateException("no listening line in " + log());
        }
        return "nats://127.0.0.1:" + port.group(1);
    }

    String log() throws IOException {
        return Files.exists(logFile) ? Files.readString(logFile) : "";
    }

    BundleContext bundleContext() {
        return runtime.bundleContext();
    }

    Bundle bundle(String symbolicName) {
        return Arrays.stream(bundleContext().getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName()))
                .findFirst().orElseThrow(() -> new IllegalStateException("no bundle " + symbolicName));
    }

    /** Stops the broker and sends the log back to standard error for the next test. */
    @Override
    public void close() throws IOException {
        runtime.stop();
        LogSettings.apply(false, false, true, null);
    }
}
