package io.switchboard.core.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The command line of nats-server 2.9: the same flags, spelled with one or two dashes, with Go's flag
 * syntax and error messages. Flags given explicitly override the configuration file (see
 * {@link ServerOptions#load(CommandLine)}); the TLS, cluster and JetStream flags are kept for the
 * bundles that own those settings.
 */
public final class CommandLine {

    /**
     * A {@code --signal command[=pid]} request to another running server.
     *
     * @param command one of stop, quit, reopen, reload, ldm, term
     * @param target a process id, or a file holding one, when given
     */
    public record Signal(String command, Optional<String> target) {

        /** The POSIX signal nats-server sends for the command (stop sends KILL). */
        public String processSignal() {
            return SIGNALS.get(command);
        }
    }

    private static final Map<String, String> SIGNALS = Map.of(
            "stop", "KILL", "quit", "INT", "reopen", "USR1", "reload", "HUP", "ldm", "USR2", "term", "TERM");

    /** Every flag spelling and the setting it names; spellings of one setting share a canonical name. */
    private static final Map<String, String> CANONICAL = new LinkedHashMap<>();
    private static final Map<String, GoFlags.Type> TYPES = new LinkedHashMap<>();

    static {
        define(GoFlags.Type.BOOL, "help", "h");
        define(GoFlags.Type.INT, "port", "p");
        define(GoFlags.Type.STRING, "server_name", "n", "name");
        define(GoFlags.Type.STRING, "addr", "a", "net");
        define(GoFlags.Type.STRING, "client_advertise");
        define(GoFlags.Type.BOOL, "debug", "D");
        define(GoFlags.Type.BOOL, "trace", "V");
        define(GoFlags.Type.BOOL, "VV");
        define(GoFlags.Type.BOOL, "DV");
        define(GoFlags.Type.BOOL, "DVV");
        define(GoFlags.Type.BOOL, "logtime", "T");
        define(GoFlags.Type.STRING, "user");
        define(GoFlags.Type.STRING, "pass");
        define(GoFlags.Type.STRING, "auth");
        define(GoFlags.Type.INT, "http_port", "m");
        define(GoFlags.Type.INT, "https_port", "ms");
        define(GoFlags.Type.STRING, "config", "c");
        define(GoFlags.Type.BOOL, "t");
        define(GoFlags.Type.STRING, "signal", "sl");
        define(GoFlags.Type.STRING, "pid", "P");
        define(GoFlags.Type.STRING, "ports_file_dir");
        define(GoFlags.Type.STRING, "log", "l");
        define(GoFlags.Type.INT, "log_size_limit");
        define(GoFlags.Type.BOOL, "syslog", "s");
        define(GoFlags.Type.STRING, "remote_syslog", "r");
        define(GoFlags.Type.BOOL, "version", "v");
        define(GoFlags.Type.INT, "profile");
        define(GoFlags.Type.STRING, "routes");
        define(GoFlags.Type.STRING, "cluster", "cluster_listen");
        define(GoFlags.Type.STRING, "cluster_advertise");
        define(GoFlags.Type.BOOL, "no_advertise");
        define(GoFlags.Type.INT, "connect_retries");
        define(GoFlags.Type.STRING, "cluster_name");
        define(GoFlags.Type.BOOL, "help_tls");
        define(GoFlags.Type.BOOL, "tls");
        define(GoFlags.Type.BOOL, "tlsverify");
        define(GoFlags.Type.STRING, "tlscert");
        define(GoFlags.Type.STRING, "tlskey");
        define(GoFlags.Type.STRING, "tlscacert");
        define(GoFlags.Type.INT, "max_traced_msg_len");
        define(GoFlags.Type.BOOL, "jetstream", "js");
        define(GoFlags.Type.STRING, "store_dir", "sd");
    }

    private static final GoFlags PARSER = new GoFlags(TYPES);

    private static final String USAGE = """
            Usage: switchboard [options]

            Server options:
                -a, --addr, --net <host>         Bind to host address (default: 0.0.0.0)
                -p, --port <port>                Use port for clients (default: 4222, -1 for a random port)
                -n, --name, --server_name <name> Server name (default: the server id)
                -P, --pid <file>                 File to store the process id
                -m, --http_port <port>           Use port for http monitoring
                -ms, --https_port <port>         Use port for https monitoring
                -c, --config <file>              Configuration file
                -t                               Test the configuration and exit
                -sl, --signal <signal>[=<pid>]   Send a signal to a running server
                                                 (ldm, stop, quit, term, reopen, reload)
                --client_advertise <string>      Client URL to advertise to other servers
                --ports_file_dir <dir>           Write a ports file in this directory

            Logging options:
                -l, --log <file>                 File to redirect log output to
                -T, --logtime                    Timestamp log entries (default: true)
                -s, --syslog                     Log to syslog
                -r, --remote_syslog <addr>       Syslog server address (udp://localhost:514)
                -D, --debug                      Enable debugging output
                -V, --trace                      Trace the raw protocol
                -VV                              Verbose trace (traces the system account as well)
                -DV                              Debug and trace
                -DVV                             Debug and verbose trace
                --log_size_limit <limit>         Log file size limit
                --max_traced_msg_len <len>       Maximum printable length of traced messages

            JetStream options:
                -js, --jetstream                 Enable JetStream
                -sd, --store_dir <dir>           Storage directory

            Authorization options:
                --user <user>                    User required for connections
                --pass <password>                Password required for connections
                --auth <token>                   Token required for connections

            TLS options:
                --tls                            Enable TLS, do not verify clients
                --tlscert <file>                 Server certificate file
                --tlskey <file>                  Private key of the server certificate
                --tlsverify                      Enable TLS, verify client certificates
                --tlscacert <file>               Client certificate CA for verification

            Cluster options:
                --routes <url-1, url-2>          Routes to solicit and connect
                --cluster, --cluster_listen <url> Cluster URL for solicited routes
                --cluster_name <string>          Cluster name
                --no_advertise <bool>            Do not advertise known cluster information to clients
                --cluster_advertise <string>     Cluster URL to advertise to other servers
                --connect_retries <number>       For implicit routes, number of connect retries

            Profiling options:
                --profile <port>                 Profiling HTTP port

            Common options:
                -h, --help                       Show this message
                -v, --version                    Show the version
                --help_tls                       TLS help
            """;

    private final List<String> arguments;
    private final Map<String, Object> flags;
    private final boolean helpRequested;
    private final boolean versionRequested;
    private final Signal signal;

    private CommandLine(List<String> arguments, Map<String, Object> flags, boolean helpRequested,
            boolean versionRequested, Signal signal) {
        this.arguments = arguments;
        this.flags = Collections.unmodifiableMap(flags);
        this.helpRequested = helpRequested;
        this.versionRequested = versionRequested;
        this.signal = signal;
    }

    private static void define(GoFlags.Type type, String canonical, String... aliases) {
        CANONICAL.put(canonical, canonical);
        TYPES.put(canonical, type);
        for (String alias : aliases) {
            CANONICAL.put(alias, canonical);
            TYPES.put(alias, type);
        }
    }

    /**
     * Parses arguments as nats-server does. After the flags, a first remaining argument may be the
     * command {@code version} or {@code help}.
     *
     * @throws ConfigException with Go's wording, e.g. {@code flag provided but not defined: -xyz}
     */
    public static CommandLine parse(String... args) {
        List<String> arguments = List.of(args);
        GoFlags.Result result = PARSER.parse(arguments);
        Map<String, Object> flags = new LinkedHashMap<>();
        for (GoFlags.Setting setting : result.settings()) {
            String canonical = CANONICAL.get(setting.name());
            // The last spelling given wins and its place in the order is where it was last given.
            flags.remove(canonical);
            flags.put(canonical, setting.value());
        }
        boolean help = Boolean.TRUE.equals(flags.get("help"));
        boolean version = Boolean.TRUE.equals(flags.get("version"));
        if (!help && !version && !result.positional().isEmpty()) {
            String command = result.positional().get(0);
            switch (command.toLowerCase(Locale.ROOT)) {
                case "version" -> version = true;
                case "help" -> help = true;
                default -> throw new ConfigException("unrecognized command: \"" + command + "\"");
            }
        }
        Signal signal = flags.containsKey("signal") ? signal((String) flags.get("signal")) : null;
        return new CommandLine(arguments, flags, help, version, signal);
    }

    /** A command line without arguments. */
    public static CommandLine empty() {
        return parse();
    }

    private static Signal signal(String text) {
        String[] parts = text.split("=", -1);
        if (parts.length > 2) {
            List<String> extra = new ArrayList<>(List.of(parts).subList(2, parts.length));
            throw new ConfigException("invalid signal parameters: [" + String.join(" ", extra) + "]");
        }
        if (!SIGNALS.containsKey(parts[0])) {
            throw new ConfigException("unknown signal \"" + parts[0] + "\"");
        }
        return new Signal(parts[0], parts.length == 2 ? Optional.of(parts[1]) : Optional.empty());
    }

    /** The text to show for {@code --help}. */
    public static String usage() {
        return USAGE;
    }

    /** The arguments as given, so the same command line can be applied again on reload. */
    public List<String> arguments() {
        return arguments;
    }

    /** The file given with {@code -c} or {@code --config}, if any. */
    public Optional<Path> configFile() {
        return string("config").filter(file -> !file.isEmpty()).map(Path::of);
    }

    /** {@code -t}: check the configuration and exit. */
    public boolean checkConfig() {
        return Boolean.TRUE.equals(flags.get("t"));
    }

    /** {@code -h}, {@code --help} or the command {@code help}. */
    public boolean helpRequested() {
        return helpRequested;
    }

    /** {@code -v}, {@code --version} or the command {@code version}. */
    public boolean versionRequested() {
        return versionRequested;
    }

    public boolean tlsHelpRequested() {
        return Boolean.TRUE.equals(flags.get("help_tls"));
    }

    public Optional<Signal> signal() {
        return Optional.ofNullable(signal);
    }

    /**
     * Every flag given, by canonical name (the long spelling: {@code port}, {@code addr},
     * {@code debug}, {@code cluster}...), in the order given. Values are String, Long or Boolean.
     */
    public Map<String, Object> flags() {
        return flags;
    }

    /** Whether a flag was given, by any of its spellings. */
    public boolean isSet(String name) {
        return flags.containsKey(canonical(name));
    }

    public Optional<String> string(String name) {
        return Optional.ofNullable((String) flags.get(canonical(name)));
    }

    public Optional<Long> integer(String name) {
        return Optional.ofNullable((Long) flags.get(canonical(name)));
    }

    public Optional<Boolean> bool(String name) {
        return Optional.ofNullable((Boolean) flags.get(canonical(name)));
    }

    /** The TLS flags given ({@code tls}, {@code tlsverify}, {@code tlscert}, {@code tlskey}, {@code tlscacert}). */
    public Map<String, Object> tlsFlags() {
        Map<String, Object> tls = new LinkedHashMap<>();
        flags.forEach((name, value) -> {
            if (name.startsWith("tls")) {
                tls.put(name, value);
            }
        });
        return Collections.unmodifiableMap(tls);
    }

    /**
     * The routes of {@code --routes}, split at commas and trimmed. Present and empty when the flag was
     * given empty, which removes the routes of the configuration file.
     */
    public Optional<List<String>> routes() {
        return string("routes").map(text -> {
            if (text.isEmpty()) {
                return List.of();
            }
            List<String> routes = new ArrayList<>();
            for (String route : text.split(",", -1)) {
                routes.add(route.strip());
            }
            return List.copyOf(routes);
        });
    }

    private static String canonical(String name) {
        String canonical = CANONICAL.get(name);
        if (canonical == null) {
            throw new IllegalArgumentException("not a flag: " + name + "; flags are " + knownFlags());
        }
        return canonical;
    }

    private static Set<String> knownFlags() {
        return CANONICAL.keySet();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CommandLine that && arguments.equals(that.arguments);
    }

    @Override
    public int hashCode() {
        return arguments.hashCode();
    }

    @Override
    public String toString() {
        return String.join(" ", arguments);
    }
}
