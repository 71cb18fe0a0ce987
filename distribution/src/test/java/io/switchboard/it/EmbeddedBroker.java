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
 * The broker in this JVM, as the launcher runs it, on 127.0.0.1 and a free client port, logging to
 * a file: for tests that reach into the framework (stop a bundle, watch its class loader).
 */
final class EmbeddedBroker implements AutoCloseable {

    private static final Pattern CLIENT_PORT = Pattern.compile("client connections on 127\\.0\\.0\\.1:(\\d+)");

    private final BrokerRuntime runtime;
    private final Path log;

    private EmbeddedBroker(BrokerRuntime runtime, Path log) {
        this.runtime = runtime;
        this.log = log;
    }

    /** Starts the broker assembled at {@code home} with {@code flags}, logging to {@code log}, and waits until it is ready. */
    static EmbeddedBroker start(Path home, Path log, String... flags) throws Exception {
        List<String> args = new ArrayList<>(List.of(flags));
        args.addAll(List.of("-a", "127.0.0.1", "-p", "-1", "-l", log.toString()));
        EmbeddedBroker broker = new EmbeddedBroker(BrokerRuntime.start(home, args), log);
        await().atMost(Duration.ofSeconds(30)).until(() -> broker.logText().contains("Server is ready"));
        return broker;
    }

    String url() throws IOException {
        Matcher port = CLIENT_PORT.matcher(logText());
        if (!port.find()) {
            throw new IllegalStateException("no client listening line in " + log);
        }
        return "nats://127.0.0.1:" + port.group(1);
    }

    String logText() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    BundleContext context() {
        return runtime.bundleContext();
    }

    Bundle bundle(String symbolicName) {
        return Arrays.stream(context().getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName()))
                .findFirst().orElseThrow();
    }

    @Override
    public void close() throws IOException {
        runtime.stop();
        LogSettings.apply(false, false, true, null);
    }
}
