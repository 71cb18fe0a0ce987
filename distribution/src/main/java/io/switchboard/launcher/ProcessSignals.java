package io.switchboard.launcher;

import io.switchboard.logging.LogSettings;
import sun.misc.Signal;

import java.io.IOException;

/**
 * The signals nats-server answers: INT and TERM stop the broker cleanly (exit status 0),
 * HUP reloads the configuration, USR2 enters lame duck mode, USR1 reopens the log file.
 */
final class ProcessSignals {

    private ProcessSignals() {
    }

    private static void reopenLog() {
        try {
            LogSettings.reopen();
        } catch (IOException e) {
            System.err.println("[ERR] Could not reopen the log file: " + e.getMessage());
        }
    }

    static void install(BrokerRuntime runtime) {
        Signal.handle(new Signal("INT"), s -> runtime.stop());
        Signal.handle(new Signal("TERM"), s -> runtime.stop());
        Signal.handle(new Signal("HUP"), s -> Main.runSignalHandler(runtime.bundleContext(), "reload"));
        Signal.handle(new Signal("USR1"), s -> reopenLog());
        Signal.handle(new Signal("USR2"), s -> {
            runtime.expectStop();
            Main.runSignalHandler(runtime.bundleContext(), "ldm");
        });
    }
}
