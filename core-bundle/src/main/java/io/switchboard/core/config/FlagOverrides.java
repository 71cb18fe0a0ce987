package io.switchboard.core.config;

/**
 * Applies the flags given on the command line over the configuration file, as nats-server does by
 * parsing its flags a second time after reading the file.
 */
final class FlagOverrides {

    private FlagOverrides() {
    }

    static void apply(CommandLine commandLine, OptionsDraft draft) {
        commandLine.flags().forEach((name, value) -> applyOne(name, value, draft));
        // The combined logging flags are applied last, in the order nats-server visits them.
        commandLine.bool("DV").ifPresent(on -> {
            draft.debug = on;
            draft.trace = on;
        });
        commandLine.bool("DVV").ifPresent(on -> {
            draft.debug = on;
            draft.trace = on;
            draft.traceVerbose = on;
        });
        commandLine.bool("VV").ifPresent(on -> {
            draft.trace = on;
            draft.traceVerbose = on;
        });
        applyTls(commandLine, draft);
    }

    private static void applyOne(String name, Object value, OptionsDraft draft) {
        switch (name) {
            case "port" -> draft.port = toInt(name, value);
            case "server_name" -> draft.serverName = (String) value;
            case "addr" -> draft.host = (String) value;
            case "client_advertise" -> draft.clientAdvertise = (String) value;
            case "debug" -> draft.debug = (Boolean) value;
            case "trace" -> draft.trace = (Boolean) value;
            case "logtime" -> draft.logtime = (Boolean) value;
            case "user" -> draft.username = (String) value;
            case "pass" -> draft.password = (String) value;
            case "auth" -> draft.authorizationToken = (String) value;
            case "http_port" -> draft.httpPort = toInt(name, value);
            case "https_port" -> draft.httpsPort = toInt(name, value);
            case "pid" -> draft.pidFile = (String) value;
            case "ports_file_dir" -> draft.portsFileDir = (String) value;
            case "log" -> draft.logFile = (String) value;
            case "log_size_limit" -> draft.logSizeLimit = (Long) value;
            case "syslog" -> draft.syslog = (Boolean) value;
            case "remote_syslog" -> draft.remoteSyslog = (String) value;
            case "profile" -> draft.profPort = toInt(name, value);
            case "max_traced_msg_len" -> draft.maxTracedMsgLen = toInt(name, value);
            default -> {
                // Other flags belong to other bundles or steer the process, see CommandLine.
            }
        }
    }

    /** Any TLS flag turns TLS on, unless TLS is turned off with {@code --tls=false}. */
    private static void applyTls(CommandLine commandLine, OptionsDraft draft) {
        if (commandLine.bool("tls").filter(on -> !on).isPresent()) {
            draft.tlsConfigured = false;
        } else if (!commandLine.tlsFlags().isEmpty()) {
            draft.tlsConfigured = true;
        }
    }

    private static int toInt(String name, Object value) {
        long number = (Long) value;
        if (number < Integer.MIN_VALUE || number > Integer.MAX_VALUE) {
            throw new ConfigException("invalid value \"" + number + "\" for flag -" + name + ": value out of range");
        }
        return (int) number;
    }
}
