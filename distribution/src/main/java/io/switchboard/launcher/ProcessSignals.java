package io.switchboard.launcher;

import io.switchboard.logging.LogSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * The signals nats-server answers: INT and TERM stop the broker cleanly (exit status 0),
 * HUP reloads the configuration, USR2 enters lame duck mode, USR1 reopens the log file.
 */
final class ProcessSignals {

    private ProcessSignals() {
    }

    private static final Logger LOG = LoggerFactory.getLogger(ProcessSignals.class);

    private static void reopenLog() {
        try {
            LOG.info(LogSettings.reopen() ? "File log re-opened" : "File log re-open ignored, not a file logger");
        } catch (IOException e) {
            LOG.error("Could not reopen the log file: {}", e.getMessage());
        }
    }

    /**
     * Installed before the broker starts: a signal that comes while plugin bundles are still
     * starting (after "Server is ready") acts once the runtime is there, rather than killing the JVM.
     */
    static void install(CompletableFuture<BrokerRuntime> started) {
        Signal.handle(new Signal("INT"), s -> started.thenAccept(BrokerRuntime::stop));
        Signal.handle(new Signal("TERM"), s -> started.thenAccept(BrokerRuntime::stop));
        Signal.handle(new Signal("HUP"), s -> started.thenAccept(runtime -> Main.runSignalHandler(runtime.bundleContext(), "reload")));
        Signal.handle(new Signal("USR1"), s -> reopenLog());
        Signal.handle(new Signal("USR2"), s -> started.thenAccept(runtime -> {
            runtime.expectStop();
            Main.runSignalHandler(runtime.bundleContext(), "ldm");
        }));
    }
}
