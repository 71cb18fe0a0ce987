package io.switchboard.core.config;

import java.util.List;
import java.util.Locale;

/**
 * The top-level settings nats-server 2.9 knows, each with its alternative spellings. Any other key is
 * an unknown field, an error as in nats-server, unless it only serves as a {@code $variable}.
 */
final class TopLevelKeys {

    private static final List<List<String>> GROUPS = List.of(
            List.of("listen"), List.of("client_advertise"), List.of("port"), List.of("server_name"),
            List.of("host", "net"), List.of("debug"), List.of("trace"), List.of("trace_verbose"),
            List.of("logtime"), List.of("mappings", "maps"),
            List.of("disable_sublist_cache", "no_sublist_cache"), List.of("accounts"),
            List.of("authorization"), List.of("http"), List.of("https"),
            List.of("http_port", "monitor_port"), List.of("https_port"), List.of("http_base_path"),
            List.of("cluster"), List.of("gateway"), List.of("leafnodes", "leaf"),
            List.of("store_dir", "storedir"), List.of("jetstream"), List.of("logfile", "log_file"),
            List.of("logfile_size_limit", "log_size_limit"), List.of("syslog"), List.of("remote_syslog"),
            List.of("pidfile", "pid_file"), List.of("ports_file_dir"), List.of("prof_port"),
            List.of("max_control_line"), List.of("max_payload"), List.of("max_pending"),
            List.of("max_connections", "max_conn"), List.of("max_traced_msg_len"),
            List.of("max_subscriptions", "max_subs"), List.of("max_sub_tokens", "max_subscription_tokens"),
            List.of("ping_interval"), List.of("ping_max"), List.of("tls"), List.of("ocsp"),
            List.of("allow_non_tls"), List.of("write_deadline"), List.of("lame_duck_duration"),
            List.of("lame_duck_grace_period"),
            List.of("operator", "operators", "roots", "root", "root_operators", "root_operator"),
            List.of("resolver", "account_resolver", "accounts_resolver"), List.of("resolver_tls"),
            List.of("resolver_preload"), List.of("resolver_pinned_accounts"), List.of("no_auth_user"),
            List.of("system_account", "system"), List.of("no_system_account", "no_system", "no_sys_acc"),
            List.of("no_header_support"), List.of("trusted", "trusted_keys"),
            List.of("connect_error_reports"), List.of("reconnect_error_reports"),
            List.of("websocket", "ws"), List.of("mqtt"), List.of("server_tags"), List.of("default_js_domain"));

    private TopLevelKeys() {
    }

    static boolean isKnown(String key) {
        return group(key) != null;
    }

    /** All spellings of the setting a name belongs to, or just the name when it is not a known one. */
    static String[] spellings(String name) {
        List<String> group = group(name);
        return group == null ? new String[] {name} : group.toArray(String[]::new);
    }

    private static List<String> group(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        for (List<String> group : GROUPS) {
            if (group.contains(lower)) {
                return group;
            }
        }
        return null;
    }
}
