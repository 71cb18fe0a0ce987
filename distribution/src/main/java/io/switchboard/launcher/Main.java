package io.switchboard.launcher;

import io.switchboard.logging.LogSettings;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MarkerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** {@code bin/switchboard}: starts the broker in the foreground, like nats-server. */
public final class Main {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] argv) {
        List<String> args = Arrays.asList(argv);
        if (!args.isEmpty() && args.get(0).equals("bundle")) {
            System.exit(BundleCommand.run(args.subList(1, args.size())));
        }
        LauncherArgs launcher = LauncherArgs.parse(args);
        if (launcher.help()) {
            System.out.print(resource("usage.txt"));
            return;
        }
        if (launcher.version()) {
            System.out.println("switchboard: v" + resource("version.txt").strip());
            return;
        }
        if (launcher.signal() != null) {
            System.exit(SignalSender.send(launcher.signal()));
        }
        try {
            LogSettings.apply(launcher.debug(), launcher.trace(), launcher.logtime(), launcher.logFile());
        } catch (IOException e) {
            System.err.println("[FTL] Error opening log file: " + e.getMessage());
            System.exit(1);
        }
        System.exit(run(args));
    }

    private static int run(List<String> args) {
        Path home = Path.of(System.getProperty("switchboard.home", ".")).toAbsolutePath().normalize();
        CompletableFuture<BrokerRuntime> started = new CompletableFuture<>();
        ProcessSignals.install(started);
        BrokerRuntime runtime;
        try {
            runtime = BrokerRuntime.create(home, args);
        } catch (Exception e) {
            LOG.error(MarkerFactory.getMarker("FATAL"), "Could not start the broker from {}: {}", home, e.getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(runtime::stop, "switchboard-shutdown"));
        started.complete(runtime);
        try {
            runtime.start(home);
        } catch (Exception e) {
            if (runtime.stopRequested()) {
                return 0;
            }
            LOG.error(MarkerFactory.getMarker("FATAL"), "Could not start the broker from {}: {}", home, e.getMessage());
            return 1;
        }
        try {
            return runtime.awaitExit();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    static String resource(String name) {
        try (InputStream in = Main.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs the broker's handler for a process signal, registered by the core as a Runnable service. */
    static void runSignalHandler(BundleContext context, String name) {
        try {
            for (ServiceReference<Runnable> ref : context.getServiceReferences(Runnable.class, "(switchboard.signal=" + name + ")")) {
                Runnable handler = context.getService(ref);
                if (handler != null) {
                    try {
                        handler.run();
                    } finally {
                        context.ungetService(ref);
                    }
                }
            }
        } catch (InvalidSyntaxException | IllegalStateException e) {
            LOG.warn("Signal {} not handled: {}", name, e.getMessage());
        }
    }
}
