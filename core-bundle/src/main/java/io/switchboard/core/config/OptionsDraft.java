package io.switchboard.core.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Options while they are being assembled from the file and the flags. As in nats-server, a zero value
 * means "not set" and is replaced by the default at the end.
 */
final class OptionsDraft {

    private static final Duration DEFAULT_TLS_TIMEOUT = Duration.ofSeconds(2);

    String host = "";
    int port;
    String serverName = "";
    String clientAdvertise = "";
    String httpHost = "";
    int httpPort;
    int httpsPort;
    String httpBasePath = "";
    int maxConnections;
    int maxSubscriptions;
    int maxPayload;
    int maxControlLine;
    long maxPending;
    Duration pingInterval = Duration.ZERO;
    int maxPingsOut;
    Duration writeDeadline = Duration.ZERO;
    Duration authTimeout = Duration.ZERO;
    String username = "";
    String password = "";
    String authorizationToken = "";
    List<ServerOptions.User> users = List.of();
    final List<ServerOptions.User> accountUsers = new ArrayList<>();
    final List<String> accounts = new ArrayList<>();
    final List<AccountLink.Export> exports = new ArrayList<>();
    final List<AccountLink.Import> imports = new ArrayList<>();
    final List<AccountMapping> mappings = new ArrayList<>();
    List<String> authenticators = List.of();
    String noAuthUser = "";
    Duration lameDuckDuration = Duration.ZERO;
    Duration lameDuckGracePeriod = Duration.ZERO;
    boolean debug;
    boolean trace;
    boolean traceVerbose;
    boolean logtime = true;
    String logFile = "";
    long logSizeLimit;
    boolean syslog;
    String remoteSyslog = "";
    int maxTracedMsgLen;
    String pidFile = "";
    String portsFileDir = "";
    int profPort;
    int connectErrorReports;
    int reconnectErrorReports;
    boolean disableSublistCache;
    boolean noHeaderSupport;
    boolean tlsConfigured;
    Duration tlsTimeout = DEFAULT_TLS_TIMEOUT;
    final List<String> warnings = new ArrayList<>();

    ServerOptions toOptions(String configFile, ConfigTree config, CommandLine commandLine) {
        String effectiveHost = host.isEmpty() ? "0.0.0.0" : host;
        Duration defaultAuthTimeout = tlsConfigured ? tlsTimeout.plusSeconds(1) : Duration.ofSeconds(2);
        return new ServerOptions(
                configFile,
                effectiveHost,
                port == 0 ? 4222 : port,
                serverName,
                clientAdvertise,
                httpHost.isEmpty() ? effectiveHost : httpHost,
                httpPort,
                httpsPort,
                httpBasePath,
                maxConnections == 0 ? 64 * 1024 : maxConnections,
                maxSubscriptions,
                maxPayload == 0 ? 1024 * 1024 : maxPayload,
                maxControlLine == 0 ? 4096 : maxControlLine,
                maxPending == 0 ? 64L * 1024 * 1024 : maxPending,
                orDefault(pingInterval, Duration.ofMinutes(2)),
                maxPingsOut == 0 ? 2 : maxPingsOut,
                orDefault(writeDeadline, Duration.ofSeconds(10)),
                orDefault(authTimeout, defaultAuthTimeout),
                username,
                password,
                authorizationToken,
                Stream.concat(users.stream(), accountUsers.stream()).toList(),
                accounts,
                exports,
                imports,
                mappings,
                authenticators,
                noAuthUser,
                orDefault(lameDuckDuration, Duration.ofMinutes(2)),
                orDefault(lameDuckGracePeriod, Duration.ofSeconds(10)),
                debug,
                trace,
                traceVerbose,
                logtime,
                logFile,
                logSizeLimit,
                syslog,
                remoteSyslog,
                maxTracedMsgLen,
                pidFile,
                portsFileDir,
                profPort,
                connectErrorReports == 0 ? 3600 : connectErrorReports,
                reconnectErrorReports == 0 ? 1 : reconnectErrorReports,
                disableSublistCache,
                noHeaderSupport,
                config,
                commandLine,
                warnings);
    }

    private static Duration orDefault(Duration value, Duration fallback) {
        return value.isZero() ? fallback : value;
    }
}
