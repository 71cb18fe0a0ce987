package com.example.switchboard.auth;

import io.switchboard.core.spi.auth.AuthDecision;
import io.switchboard.core.spi.auth.AuthRequest;
import io.switchboard.core.spi.auth.Authenticator;
import io.switchboard.core.spi.auth.Permissions;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A template authenticator: users and passwords from a properties file.
 *
 * <p>What a plugin must do, and this one shows:
 * <ul>
 *   <li>register an {@link Authenticator} service with the {@link Authenticator#METHOD} property;
 *       the server's configuration names that method in {@code authorization { authenticators: [...] }},
 *       so clients are refused while the plugin is missing (during an update, say);</li>
 *   <li>give exactly one decision per request: allow (with an account and permissions), deny
 *       (with a reason for the server's log), or next (not one of ours: ask the next authenticator);</li>
 *   <li>never block for long: calls come on a server thread, and a decision later than the auth
 *       timeout counts as a denial. Slow lookups (an HTTP endpoint, LDAP) return an unfinished
 *       {@link CompletionStage} and complete it from their own client's thread.</li>
 * </ul>
 *
 * <p>The file is set with the component property {@code users.file} (for example from a
 * {@code deploy/com.example.switchboard.auth.cfg} file); by default it is
 * {@code conf/example-users.properties} in the broker's home.
 */
@Component(configurationPid = "com.example.switchboard.auth", property = Authenticator.METHOD + "=example-file")
public final class FileUsersAuthenticator implements Authenticator {

    private final UsersFile users;

    @Activate
    public FileUsersAuthenticator(BundleContext context, Map<String, Object> properties) {
        Object configured = properties.get("users.file");
        Path file = configured != null ? Path.of(configured.toString())
                : Path.of(String.valueOf(context.getProperty("switchboard.home")), "conf", "example-users.properties");
        this.users = new UsersFile(file);
    }

    @Override
    public CompletionStage<AuthDecision> authenticate(AuthRequest request) {
        return CompletableFuture.completedFuture(decide(request));
    }

    private AuthDecision decide(AuthRequest request) {
        if (request.user() == null) {
            return AuthDecision.next();
        }
        UsersFile.Entry entry = users.lookup(request.user());
        if (entry == null) {
            return AuthDecision.next();
        }
        return entry.passwordMatches(request.password())
                ? AuthDecision.allow(entry.account(), Permissions.ALL)
                : AuthDecision.deny("wrong password for \"" + request.user() + "\" from " + request.remoteAddress());
    }
}
