package io.switchboard.core.config;

import io.switchboard.core.spi.auth.Permissions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the top-level {@code authorization} block: a single user, a token, or a list of users, with
 * the checks nats-server makes. Permissions are kept as written for the authorization layer.
 */
final class AuthorizationReader {

    /** The account of users that no {@code accounts} block places elsewhere. */
    static final String GLOBAL_ACCOUNT = "$G";

    private AuthorizationReader() {
    }

    static void read(ConfigTree.Entry block, OptionsDraft draft) {
        ConfigTree authorization = Settings.expect(block, ConfigValue.Kind.MAP).asTree();
        String user = "";
        String password = "";
        String token = "";
        ConfigTree.Entry usersEntry = null;
        Permissions defaultPermissions = Permissions.ALL;
        for (ConfigTree.Entry entry : authorization.entries()) {
            switch (entry.key().toLowerCase(Locale.ROOT)) {
                case "user", "username" -> user = Settings.string(entry);
                case "pass", "password" -> password = Settings.string(entry);
                case "token" -> token = Settings.string(entry);
                case "timeout" -> draft.authTimeout = timeout(entry.value());
                case "users" -> usersEntry = entry;
                case "authenticators" -> draft.authenticators = names(entry.value());
                case "default_permission", "default_permissions", "permissions" ->
                        defaultPermissions = PermissionsReader.read(entry.value());
                default -> {
                    if (!entry.referencedAsVariable()) {
                        throw Settings.unknownField(entry);
                    }
                }
            }
        }
        Position at = block.value().position();
        if ((!user.isEmpty() || !password.isEmpty()) && !token.isEmpty()) {
            throw new ConfigException(at, "Cannot have a user/pass and token");
        }
        List<ServerOptions.User> users = List.of();
        if (usersEntry != null) {
            if (!user.isEmpty()) {
                throw new ConfigException(at, "Can not have a single user/pass and a users array");
            }
            if (!token.isEmpty()) {
                throw new ConfigException(at, "Can not have a token and a users array");
            }
            users = users(usersEntry, defaultPermissions, GLOBAL_ACCOUNT);
        }
        draft.username = user;
        draft.password = password;
        draft.authorizationToken = token;
        draft.users = users;
    }

    private static List<String> names(ConfigValue value) {
        if (!value.is(ConfigValue.Kind.ARRAY)) {
            throw new ConfigException(value.position(), "Expected authenticators to be an array, got " + value.describe());
        }
        List<String> names = new ArrayList<>();
        for (ConfigValue element : value.asList()) {
            if (!element.is(ConfigValue.Kind.STRING)) {
                throw new ConfigException(element.position(), "Expected an authenticator name, got " + element.describe());
            }
            names.add(element.asString());
        }
        return names;
    }

    /** Seconds as an integer or a float; nats-server takes any other value as one second. */
    private static Duration timeout(ConfigValue value) {
        if (value.is(ConfigValue.Kind.INTEGER) || value.is(ConfigValue.Kind.FLOAT)) {
            return Durations.ofSeconds(value.asDouble());
        }
        return Duration.ofSeconds(1);
    }

    /** The users of an {@code authorization} or account block, placed in {@code account}. */
    static List<ServerOptions.User> users(ConfigTree.Entry entry, Permissions defaultPermissions, String account) {
        ConfigValue value = entry.value();
        if (!value.is(ConfigValue.Kind.ARRAY)) {
            throw new ConfigException(value.position(), "Expected users field to be an array, got " + value.describe());
        }
        List<ServerOptions.User> users = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ConfigValue element : value.asList()) {
            ServerOptions.User user = user(element, defaultPermissions).inAccount(account);
            String name = user.nkey().isEmpty() ? user.username() : user.nkey();
            if (!names.add(name)) {
                throw new ConfigException(element.position(), (user.nkey().isEmpty() ? "Duplicate user \"" : "Duplicate nkey \"")
                        + name + "\" detected");
            }
            users.add(user);
        }
        return users;
    }

    private static ServerOptions.User user(ConfigValue element, Permissions defaultPermissions) {
        if (!element.is(ConfigValue.Kind.MAP)) {
            throw new ConfigException(element.position(), "Expected user entry to be a map/struct, got " + element.describe());
        }
        String name = "";
        String password = "";
        String nkey = "";
        Permissions permissions = defaultPermissions;
        Optional<ConfigValue> connectionTypes = Optional.empty();
        for (ConfigTree.Entry entry : element.asTree().entries()) {
            switch (entry.key().toLowerCase(Locale.ROOT)) {
                case "nkey" -> nkey = Settings.string(entry);
                case "user", "username" -> name = Settings.string(entry);
                case "pass", "password" -> password = Settings.string(entry);
                case "permission", "permissions", "authorization" -> permissions = PermissionsReader.read(entry.value());
                case "allowed_connection_types", "connection_types", "clients" ->
                        connectionTypes = Optional.of(entry.value());
                default -> {
                    if (!entry.referencedAsVariable()) {
                        throw Settings.unknownField(entry);
                    }
                }
            }
        }
        if (nkey.isEmpty() && name.isEmpty()) {
            throw new ConfigException(element.position(), "User entry requires a user");
        }
        if (!nkey.isEmpty() && (!name.isEmpty() || !password.isEmpty())) {
            throw new ConfigException(element.position(), "Nkey users do not take usernames or passwords");
        }
        return new ServerOptions.User(name, password, nkey, permissions, GLOBAL_ACCOUNT,
                connectionTypes, element.position());
    }
}
