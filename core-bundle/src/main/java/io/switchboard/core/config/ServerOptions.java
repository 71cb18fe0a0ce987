package io.switchboard.core.config;

import io.switchboard.core.spi.auth.Permissions;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The core server settings, read from a nats-server 2.9 configuration file and command line, with
 * nats-server's defaults. Unset text settings are empty strings, never null.
 *
 * <p>Settings owned by other bundles ({@code cluster}, {@code gateway}, {@code leafnodes},
 * {@code websocket}, {@code mqtt}, {@code jetstream}, {@code tls}, {@code accounts}...) are kept as
 * read: see {@link #block(String)} and {@link #raw(String)}.
 *
 * @param configFile the file given with {@code -c}, empty when none
 * @param host client listen host, {@code 0.0.0.0} by default
 * @param port client port, 4222 by default; -1 asks for a random port
 * @param serverName empty when not set (the server then uses its id)
 * @param httpHost monitoring listen host, the client host by default
 * @param httpPort monitoring port, 0 (off) by default
 * @param httpsPort monitoring port over TLS, 0 (off) by default
 * @param maxConnections 65536 by default
 * @param maxSubscriptions 0, meaning unlimited, by default
 * @param maxPayload 1 MiB by default
 * @param maxControlLine 4096 by default
 * @param maxPending 64 MiB by default
 * @param pingInterval 2 minutes by default
 * @param maxPingsOut the {@code ping_max} setting, 2 by default
 * @param writeDeadline 10 seconds by default
 * @param authTimeout the {@code authorization { timeout }}; 2 seconds by default, or the TLS timeout
 *     plus one second when TLS is configured
 * @param username the single user of {@code authorization} or {@code --user}
 * @param password the password of {@code authorization} or {@code --pass}
 * @param authorizationToken the token of {@code authorization} or {@code --auth}
 * @param users the users of {@code authorization { users [...] }} and of every {@code accounts} block
 * @param accounts the names of the accounts the {@code accounts} block defines
 * @param exports what the accounts of the {@code accounts} block share
 * @param imports what they take from each other
 * @param mappings the subject mappings, top-level (of the global account) and of each account
 * @param authenticators the plugin authenticators the server cannot do without
 *     ({@code authorization { authenticators: [...] }}, a Switchboard setting)
 * @param lameDuckDuration 2 minutes by default, at least 30 seconds
 * @param lameDuckGracePeriod 10 seconds by default
 * @param logtime true by default
 * @param logSizeLimit the log file size limit in bytes, 0 for none
 * @param maxTracedMsgLen 0, meaning unlimited, by default
 * @param profPort 0 (off) by default
 * @param connectErrorReports 3600 by default
 * @param reconnectErrorReports 1 by default
 * @param config the whole configuration file as read, empty without a file
 * @param commandLine the command line these options were built from
 * @param warnings settings nats-server accepts but warns about (it refuses them under {@code -t}),
 *     each as {@code <file>:<line>:<col>: <text>}
 */
public record ServerOptions(
        String configFile,
        String host,
        int port,
        String serverName,
        String clientAdvertise,
        String httpHost,
        int httpPort,
        int httpsPort,
        String httpBasePath,
        int maxConnections,
        int maxSubscriptions,
        int maxPayload,
        int maxControlLine,
        long maxPending,
        Duration pingInterval,
        int maxPingsOut,
        Duration writeDeadline,
        Duration authTimeout,
        String username,
        String password,
        String authorizationToken,
        List<User> users,
        List<String> accounts,
        List<AccountLink.Export> exports,
        List<AccountLink.Import> imports,
        List<AccountMapping> mappings,
        List<String> authenticators,
        String noAuthUser,
        Duration lameDuckDuration,
        Duration lameDuckGracePeriod,
        boolean debug,
        boolean trace,
        boolean traceVerbose,
        boolean logtime,
        String logFile,
        long logSizeLimit,
        boolean syslog,
        String remoteSyslog,
        int maxTracedMsgLen,
        String pidFile,
        String portsFileDir,
        int profPort,
        int connectErrorReports,
        int reconnectErrorReports,
        boolean disableSublistCache,
        boolean noHeaderSupport,
        ConfigTree config,
        CommandLine commandLine,
        List<String> warnings) {

    /**
     * One configured user: with a password (plain or bcrypt), or an nkey.
     *
     * @param permissions the entry's permissions, else its block's {@code default_permissions},
     *     else {@link Permissions#ALL}
     * @param account the account the user belongs to, {@code $G} for the authorization block
     * @param allowedConnectionTypes the {@code allowed_connection_types} value as written
     * @param position where the entry starts
     */
    public record User(
            String username,
            String password,
            String nkey,
            Permissions permissions,
            String account,
            Optional<ConfigValue> allowedConnectionTypes,
            Position position) {

        /** The same user in {@code account}, as an {@code accounts} block places it. */
        User inAccount(String accountName) {
            return new User(username, password, nkey, permissions, accountName, allowedConnectionTypes, position);
        }
    }

    public ServerOptions {
        users = List.copyOf(users);
        accounts = List.copyOf(accounts);
        exports = List.copyOf(exports);
        imports = List.copyOf(imports);
        mappings = List.copyOf(mappings);
        authenticators = List.copyOf(authenticators);
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(commandLine, "commandLine");
    }

    /**
     * Options for a nats-server command line: reads the {@code -c} file, if any, then lets the flags
     * given override it. The configuration file is not read when the command line asks for help, the
     * version or to signal another process.
     *
     * @throws ConfigException for a bad flag or configuration; the message is one line
     */
    public static ServerOptions load(String... args) {
        return load(CommandLine.parse(args));
    }

    public static ServerOptions load(CommandLine commandLine) {
        return load(commandLine, System.getenv());
    }

    /** As {@link #load(CommandLine)}, resolving variables the file does not define from {@code environment}. */
    public static ServerOptions load(CommandLine commandLine, Map<String, String> environment) {
        return OptionsLoader.load(commandLine, environment);
    }

    /** The options with no configuration file and no flags. */
    public static ServerOptions defaults() {
        return load(CommandLine.empty(), Map.of());
    }

    /** Reads the configuration file again and applies the same command line, as a reload does. */
    public ServerOptions reload() {
        return load(commandLine);
    }

    public ServerOptions reload(Map<String, String> environment) {
        return load(commandLine, environment);
    }

    /**
     * A top-level setting as written, found by any of its spellings in any letter case
     * ({@code raw("leafnodes")} also finds {@code leaf}). Values that may be scalars, such as
     * {@code jetstream: enabled}, are read this way.
     */
    public Optional<ConfigValue> raw(String name) {
        return config.lookup(TopLevelKeys.spellings(name)).map(ConfigTree.Entry::value);
    }

    /**
     * A top-level block such as {@code cluster}, {@code gateway}, {@code leafnodes}, {@code websocket},
     * {@code mqtt}, {@code accounts} or {@code authorization}, found as {@link #raw(String)} does.
     *
     * @throws ConfigException at the value when the setting is present but not a map
     */
    public Optional<ConfigTree> block(String name) {
        return raw(name).map(value -> {
            if (!value.is(ConfigValue.Kind.MAP)) {
                throw value.mismatch(name, ConfigValue.Kind.MAP);
            }
            return value.asTree();
        });
    }
}
