package io.switchboard.logging;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * What gets logged and where. Set by the launcher from the command line before the framework
 * starts, so every bundle logs with the final settings from its first line on.
 */
public final class LogSettings {

    private static volatile LogSettings current = new LogSettings(false, false, true, null, System.err);

    final boolean debug;
    final boolean trace;
    final boolean logtime;
    final PrintStream out;
    private final Path logFile;

    private LogSettings(boolean debug, boolean trace, boolean logtime, Path logFile, PrintStream out) {
        this.debug = debug;
        this.trace = trace;
        this.logtime = logtime;
        this.logFile = logFile;
        this.out = out;
    }

    /**
     * Opens the log file again, for log rotation tools that moved it away (signal reopen).
     * Returns false when the log goes to standard error, which has nothing to reopen.
     */
    public static boolean reopen() throws IOException {
        LogSettings settings = current;
        if (settings.logFile == null) {
            return false;
        }
        apply(settings.debug, settings.trace, settings.logtime, settings.logFile);
        return true;
    }

    /** Applies new settings; {@code logFile} null means standard error, like nats-server. */
    public static void apply(boolean debug, boolean trace, boolean logtime, Path logFile) throws IOException {
        PrintStream out = System.err;
        if (logFile != null) {
            OutputStream file = new FileOutputStream(logFile.toFile(), true);
            out = new PrintStream(file, true, "UTF-8");
        }
        LogSettings previous = current;
        current = new LogSettings(debug, trace, logtime, logFile, out);
        if (previous.out != System.err && previous.out != out) {
            previous.out.close();
        }
    }

    static LogSettings current() {
        return current;
    }
}
