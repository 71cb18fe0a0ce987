package io.switchboard.core.config;


import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The users a configuration defines, in {@code authorization { users }} and in the accounts'
 * {@code users} lists, which nats-server checks a {@code no_auth_user} against.
 */
public final class ConfiguredUsers {

    private ConfiguredUsers() {
    }

    public static boolean any(ServerOptions options) {
        return !options.users().isEmpty() || !accountUsers(options).isEmpty();
    }

    /** nats-server's check: the user must be configured, and operator mode has no such users. */
    public static void checkNoAuthUser(ServerOptions options, String noAuthUser, Position at) {
        if (options.raw("operator").isPresent()) {
            throw new ConfigException(at, "no_auth_user not compatible with Trusted Operator");
        }
        if (!any(options)) {
            throw new ConfigException(at, "no_auth_user: \"" + noAuthUser + "\" present, but users are not defined");
        }
        boolean known = Stream.concat(options.users().stream().map(ServerOptions.User::username),
                accountUsers(options).stream()).anyMatch(noAuthUser::equals);
        if (!known) {
            throw new ConfigException(at, "no_auth_user: \"" + noAuthUser
                    + "\" not present as user in authorization block or account configuration");
        }
    }

    /** The user names (nkey users count, with an empty name) of {@code accounts { NAME { users [...] } }}. */
    private static List<String> accountUsers(ServerOptions options) {
        List<String> names = new ArrayList<>();
        options.raw("accounts").filter(v -> v.is(ConfigValue.Kind.MAP)).ifPresent(accounts -> {
            for (ConfigTree.Entry account : accounts.asTree().entries()) {
                if (!account.value().is(ConfigValue.Kind.MAP)) {
                    continue;
                }
                account.value().asTree().lookup("users").map(ConfigTree.Entry::value)
                        .filter(v -> v.is(ConfigValue.Kind.ARRAY))
                        .ifPresent(users -> users.asList().forEach(user -> names.add(userName(user))));
            }
        });
        return names;
    }

    private static String userName(ConfigValue user) {
        if (!user.is(ConfigValue.Kind.MAP)) {
            return "";
        }
        return user.asTree().lookup("user", "username").map(ConfigTree.Entry::value)
                .filter(v -> v.is(ConfigValue.Kind.STRING)).map(ConfigValue::asString).orElse("");
    }
}
