package io.switchboard.launcher;

import java.nio.file.Path;
import java.util.List;

/**
 * The few command-line flags the launcher itself acts on: help, version, signals and the
 * logging flags, which must take effect before the first bundle logs. Every argument is also
 * handed to the core, which owns the full nats-server flag set and rejects unknown flags.
 */
record LauncherArgs(boolean help, boolean version, String signal,
                    boolean debug, boolean trace, boolean logtime, Path logFile) {

    static LauncherArgs parse(List<String> args) {
        boolean help = false;
        boolean version = false;
        String signal = null;
        boolean debug = false;
        boolean trace = false;
        boolean logtime = true;
        Path logFile = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("-") || arg.equals("-") || arg.equals("--")) {
                break;
            }
            String flag = arg.replaceFirst("^--?", "");
            String inline = null;
            int eq = flag.indexOf('=');
            if (eq >= 0) {
                inline = flag.substring(eq + 1);
                flag = flag.substring(0, eq);
            }
            switch (flag) {
                case "h", "help" -> help = true;
                case "v", "version" -> version = true;
                case "D", "debug" -> debug = bool(inline);
                case "V", "trace", "VV" -> trace = bool(inline);
                case "DV", "DVV" -> {
                    debug = bool(inline);
                    trace = debug;
                }
                case "T", "logtime" -> logtime = bool(inline);
                case "sl", "signal" -> {
                    signal = inline != null ? inline : value(args, ++i);
                }
                case "l", "log" -> {
                    String file = inline != null ? inline : value(args, ++i);
                    logFile = file == null ? null : Path.of(file);
                }
                default -> {
                    // values of flags the core owns are skipped by the core's own parser
                }
            }
        }
        return new LauncherArgs(help, version, signal, debug, trace, logtime, logFile);
    }

    private static boolean bool(String inline) {
        return inline == null || Boolean.parseBoolean(inline) || inline.equals("1");
    }

    private static String value(List<String> args, int i) {
        return i < args.size() ? args.get(i) : null;
    }
}
