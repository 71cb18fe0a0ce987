package io.switchboard.core.config;

import io.switchboard.core.spi.auth.Permissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the top-level {@code accounts} block: each account's name and users, with the
 * account's {@code default_permissions}. Users of every account must be distinct.
 */
final class AccountsReader {

    private static final Logger LOG = LoggerFactory.getLogger(AccountsReader.class);

    private AccountsReader() {
    }

    static void read(ConfigTree.Entry block, OptionsDraft draft) {
        ConfigTree accounts = Settings.expect(block, ConfigValue.Kind.MAP).asTree();
        for (ConfigTree.Entry account : accounts.entries()) {
            String name = account.key();
            if (name.equals(AuthorizationReader.GLOBAL_ACCOUNT)) {
                throw new ConfigException(account.keyPosition(), "account \"$G\" is reserved");
            }
            draft.accounts.add(name);
            if (!account.value().is(ConfigValue.Kind.MAP)) {
                continue;
            }
            Permissions defaults = Permissions.ALL;
            ConfigTree.Entry users = null;
            for (ConfigTree.Entry entry : account.value().asTree().entries()) {
                switch (entry.key().toLowerCase(Locale.ROOT)) {
                    case "users" -> users = entry;
                    case "default_permissions" -> defaults = PermissionsReader.read(entry.value());
                    case "exports" -> draft.exports.addAll(exports(name, entry.value()));
                    case "imports" -> draft.imports.addAll(imports(name, entry.value()));
                    case "mappings", "maps" -> draft.mappings.addAll(MappingsReader.read(name, entry));
                    case "jetstream", "limits" ->
                            LOG.warn("{}: account \"{}\": \"{}\" is not supported yet and is ignored",
                                    entry.keyPosition(), name, entry.key());
                    default -> {
                        if (!entry.referencedAsVariable()) {
                            throw Settings.unknownField(entry);
                        }
                    }
                }
            }
            if (users != null) {
                draft.accountUsers.addAll(AuthorizationReader.users(users, defaults, name));
            }
        }
        draft.imports.forEach(i -> checkImport(i, draft));
    }

    private static List<AccountLink.Export> exports(String account, ConfigValue value) {
        List<AccountLink.Export> exports = new ArrayList<>();
        for (ConfigValue element : list(value, "exports")) {
            ConfigTree export = map(element, "export");
            AccountLink.Kind kind = null;
            String subject = null;
            List<String> accounts = List.of();
            boolean streamed = false;
            Duration threshold = AccountLink.DEFAULT_RESPONSE_THRESHOLD;
            for (ConfigTree.Entry entry : export.entries()) {
                switch (entry.key().toLowerCase(Locale.ROOT)) {
                    case "stream" -> {
                        kind = AccountLink.Kind.STREAM;
                        subject = Settings.string(entry);
                    }
                    case "service" -> {
                        kind = AccountLink.Kind.SERVICE;
                        subject = Settings.string(entry);
                    }
                    case "accounts" -> accounts = strings(entry.value(), "accounts");
                    case "response", "response_type" -> streamed = streamedResponses(entry);
                    case "response_threshold", "threshold" -> threshold = Settings.goDuration(entry);
                    case "latency", "account_token_position", "advertise" -> {
                        // latency tracking and account tokens in subjects are not offered
                    }
                    default -> throw Settings.unknownField(entry);
                }
            }
            if (kind == null) {
                throw new ConfigException(element.position(), "export must be a stream or a service");
            }
            exports.add(new AccountLink.Export(account, kind, subject, accounts, streamed, threshold, element.position()));
        }
        return exports;
    }

    /** nats-server's response types: one response (singleton, the default), or a stream of them. */
    private static boolean streamedResponses(ConfigTree.Entry entry) {
        return switch (Settings.string(entry).toLowerCase(Locale.ROOT)) {
            case "singleton", "single" -> false;
            case "stream", "streamed", "chunk", "chunked" -> true;
            default -> throw new ConfigException(entry.value().position(),
                    "unknown response type: \"" + Settings.string(entry) + "\"");
        };
    }

    private static List<AccountLink.Import> imports(String account, ConfigValue value) {
        List<AccountLink.Import> imports = new ArrayList<>();
        for (ConfigValue element : list(value, "imports")) {
            ConfigTree entries = map(element, "import");
            AccountLink.Kind kind = null;
            String from = null;
            String subject = null;
            String to = "";
            String prefix = "";
            for (ConfigTree.Entry entry : entries.entries()) {
                switch (entry.key().toLowerCase(Locale.ROOT)) {
                    case "stream", "service" -> {
                        kind = entry.key().equalsIgnoreCase("stream") ? AccountLink.Kind.STREAM : AccountLink.Kind.SERVICE;
                        ConfigTree source = map(entry.value(), entry.key());
                        for (ConfigTree.Entry field : source.entries()) {
                            switch (field.key().toLowerCase(Locale.ROOT)) {
                                case "account" -> from = Settings.string(field);
                                case "subject" -> subject = Settings.string(field);
                                default -> throw Settings.unknownField(field);
                            }
                        }
                    }
                    case "to" -> to = Settings.string(entry);
                    case "prefix" -> prefix = Settings.string(entry);
                    case "share", "allow_trace" -> {
                        // latency sharing and message tracing are not offered
                    }
                    default -> throw Settings.unknownField(entry);
                }
            }
            if (kind == null || from == null || subject == null) {
                throw new ConfigException(element.position(), "import needs a stream or a service with an account and a subject");
            }
            if (kind == AccountLink.Kind.SERVICE && !prefix.isEmpty()) {
                throw new ConfigException(element.position(), "service imports take \"to\", not \"prefix\"");
            }
            imports.add(new AccountLink.Import(account, kind, from, subject, to, prefix, element.position()));
        }
        return imports;
    }

    /** An import must name an account and match one of its exports that lets the importer in. */
    private static void checkImport(AccountLink.Import imported, OptionsDraft draft) {
        if (!draft.accounts.contains(imported.from())) {
            throw new ConfigException(imported.position(), "import from unknown account \"" + imported.from() + "\"");
        }
        boolean authorized = draft.exports.stream().anyMatch(e -> e.serves(imported));
        if (!authorized) {
            throw new ConfigException(imported.position(), imported.kind().name().toLowerCase(Locale.ROOT)
                    + " import of \"" + imported.subject() + "\" from account \"" + imported.from()
                    + "\" is not authorized by its exports");
        }
    }

    private static List<ConfigValue> list(ConfigValue value, String what) {
        if (!value.is(ConfigValue.Kind.ARRAY)) {
            throw new ConfigException(value.position(), "Expected " + what + " to be an array, got " + value.describe());
        }
        return value.asList();
    }

    private static ConfigTree map(ConfigValue value, String what) {
        if (!value.is(ConfigValue.Kind.MAP)) {
            throw new ConfigException(value.position(), "Expected " + what + " to be a map, got " + value.describe());
        }
        return value.asTree();
    }

    private static List<String> strings(ConfigValue value, String what) {
        List<String> strings = new ArrayList<>();
        for (ConfigValue element : list(value, what)) {
            if (!element.is(ConfigValue.Kind.STRING)) {
                throw new ConfigException(element.position(), "Expected " + what + " to hold strings, got " + element.describe());
            }
            strings.add(element.asString());
        }
        return strings;
    }
}
