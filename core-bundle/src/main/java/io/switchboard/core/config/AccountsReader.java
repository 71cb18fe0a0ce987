package io.switchboard.core.config;

import io.switchboard.core.spi.auth.Permissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
                    case "exports", "imports", "mappings", "maps", "jetstream", "limits" ->
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
    }
}
