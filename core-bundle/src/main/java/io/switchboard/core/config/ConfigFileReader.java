package io.switchboard.core.config;

import java.time.Duration;
import java.util.Locale;

/**
 * Applies the top-level settings of a configuration file to a draft, with nats-server's key
 * spellings (in any letter case), types and checks. Blocks owned by other bundles are only checked
 * to be known settings; keys nats-server does not know are errors unless used as variables.
 */
final class ConfigFileReader {

    private static final Duration MIN_LAME_DUCK_DURATION = Duration.ofSeconds(30);

    private ConfigFileReader() {
    }

    static void read(ConfigTree config, OptionsDraft draft) {
        for (ConfigTree.Entry entry : config.entries()) {
            apply(entry, draft);
        }
    }

    private static void apply(ConfigTree.Entry entry, OptionsDraft draft) {
        switch (entry.key().toLowerCase(Locale.ROOT)) {
            case "listen" -> {
                HostPort listen = HostPort.ofSetting(entry.value(), entry.key());
                draft.host = listen.host();
                draft.port = listen.port();
            }
            case "client_advertise" -> draft.clientAdvertise = Settings.string(entry);
            case "port" -> draft.port = Settings.toInt(entry);
            case "server_name" -> draft.serverName = Settings.string(entry);
            case "host", "net" -> draft.host = Settings.string(entry);
            case "debug" -> draft.debug = Settings.bool(entry);
            case "trace" -> draft.trace = Settings.bool(entry);
            case "trace_verbose" -> {
                draft.traceVerbose = Settings.bool(entry);
                draft.trace = draft.traceVerbose;
            }
            case "logtime" -> draft.logtime = Settings.bool(entry);
            case "disable_sublist_cache", "no_sublist_cache" -> draft.disableSublistCache = Settings.bool(entry);
            case "authorization" -> AuthorizationReader.read(entry, draft);
            case "accounts" -> AccountsReader.read(entry, draft);
            case "mappings", "maps" -> draft.mappings.addAll(MappingsReader.read(AuthorizationReader.GLOBAL_ACCOUNT, entry));
            case "http" -> {
                HostPort http = HostPort.ofSetting(entry.value(), entry.key());
                draft.httpHost = http.host();
                draft.httpPort = http.port();
            }
            case "https" -> {
                HostPort https = HostPort.ofSetting(entry.value(), entry.key());
                draft.httpHost = https.host();
                draft.httpsPort = https.port();
            }
            case "http_port", "monitor_port" -> draft.httpPort = Settings.toInt(entry);
            case "https_port" -> draft.httpsPort = Settings.toInt(entry);
            case "http_base_path" -> draft.httpBasePath = Settings.string(entry);
            case "logfile", "log_file" -> draft.logFile = Settings.string(entry);
            case "logfile_size_limit", "log_size_limit" -> draft.logSizeLimit = Settings.integer(entry);
            case "syslog" -> draft.syslog = Settings.bool(entry);
            case "remote_syslog" -> draft.remoteSyslog = Settings.string(entry);
            case "pidfile", "pid_file" -> draft.pidFile = Settings.string(entry);
            case "ports_file_dir" -> draft.portsFileDir = Settings.string(entry);
            case "prof_port" -> draft.profPort = Settings.toInt(entry);
            case "max_control_line" -> draft.maxControlLine = int32(entry);
            case "max_payload" -> draft.maxPayload = int32(entry);
            case "max_pending" -> draft.maxPending = Settings.integer(entry);
            case "max_connections", "max_conn" -> draft.maxConnections = Settings.toInt(entry);
            case "max_traced_msg_len" -> draft.maxTracedMsgLen = Settings.toInt(entry);
            case "max_subscriptions", "max_subs" -> draft.maxSubscriptions = Settings.toInt(entry);
            case "ping_interval" -> draft.pingInterval = Settings.duration(entry, draft.warnings);
            case "ping_max" -> draft.maxPingsOut = Settings.toInt(entry);
            case "write_deadline" -> draft.writeDeadline = Settings.duration(entry, draft.warnings);
            case "lame_duck_duration" -> draft.lameDuckDuration = lameDuckDuration(entry);
            case "lame_duck_grace_period" -> draft.lameDuckGracePeriod = lameDuckGracePeriod(entry);
            case "no_auth_user" -> draft.noAuthUser = Settings.string(entry);
            case "no_header_support" -> draft.noHeaderSupport = Settings.bool(entry);
            case "connect_error_reports" -> draft.connectErrorReports = Settings.toInt(entry);
            case "reconnect_error_reports" -> draft.reconnectErrorReports = Settings.toInt(entry);
            case "tls" -> readTlsTimeout(entry, draft);
            default -> {
                if (!TopLevelKeys.isKnown(entry.key()) && !entry.referencedAsVariable()) {
                    throw Settings.unknownField(entry);
                }
            }
        }
    }

    // nats-server keeps these in 32-bit fields and refuses larger values.
    private static int int32(ConfigTree.Entry entry) {
        long value = Settings.integer(entry);
        if (value > Integer.MAX_VALUE) {
            throw new ConfigException(entry.value().position(), entry.key() + " value is too big");
        }
        return (int) value;
    }

    private static Duration lameDuckDuration(ConfigTree.Entry entry) {
        Duration duration = Settings.goDuration(entry);
        if (duration.compareTo(MIN_LAME_DUCK_DURATION) < 0) {
            throw new ConfigException(entry.value().position(), "invalid lame_duck_duration of "
                    + Durations.format(duration) + ", minimum is 30 seconds");
        }
        return duration;
    }

    private static Duration lameDuckGracePeriod(ConfigTree.Entry entry) {
        Duration duration = Settings.goDuration(entry);
        if (duration.isNegative()) {
            throw new ConfigException(entry.value().position(), "invalid lame_duck_grace_period, needs to be positive");
        }
        return duration;
    }

    /** Only the timeout matters here: with TLS the default authorization timeout is one second longer. */
    private static void readTlsTimeout(ConfigTree.Entry entry, OptionsDraft draft) {
        ConfigTree tls = Settings.expect(entry, ConfigValue.Kind.MAP).asTree();
        draft.tlsConfigured = true;
        tls.lookup("timeout").ifPresent(timeout -> {
            Duration value = Durations.parse(timeout.value());
            if (!value.isZero()) {
                draft.tlsTimeout = value;
            }
        });
    }
}
