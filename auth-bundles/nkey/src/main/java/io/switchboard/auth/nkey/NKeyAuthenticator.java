package io.switchboard.auth.nkey;

import io.switchboard.core.config.ServerConfiguration;
import io.switchboard.core.config.ServerOptions;
import io.switchboard.core.nkey.NKeys;
import io.switchboard.core.spi.auth.AuthDecision;
import io.switchboard.core.spi.auth.AuthRequest;
import io.switchboard.core.spi.auth.Authenticator;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The users of {@code authorization { users: [ {nkey: U...} ] }} and of account blocks: a
 * client proves it holds the key by signing the nonce of the server's INFO.
 */
@Component(property = Authenticator.METHOD + "=nkey")
public final class NKeyAuthenticator implements Authenticator {

    private final ServerConfiguration configuration;

    @Activate
    public NKeyAuthenticator(@Reference ServerConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    public boolean wantsNonce() {
        return true;
    }

    @Override
    public CompletionStage<AuthDecision> authenticate(AuthRequest request) {
        return CompletableFuture.completedFuture(decide(configuration.current(), request));
    }

    static AuthDecision decide(ServerOptions options, AuthRequest request) {
        String nkey = request.nkey();
        if (nkey == null || nkey.isEmpty()) {
            return AuthDecision.next();
        }
        for (ServerOptions.User user : options.users()) {
            if (nkey.equals(user.nkey())) {
                return verified(user, request) ? AuthDecision.allow(user.account(), user.permissions())
                        : AuthDecision.deny("signature of the nonce does not verify for nkey " + nkey);
            }
        }
        return AuthDecision.next();
    }

    private static boolean verified(ServerOptions.User user, AuthRequest request) {
        if (request.nonce() == null || request.signature() == null) {
            return false;
        }
        byte[] key;
        try {
            key = NKeys.decodePublicKey(NKeys.PREFIX_USER, user.nkey());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return Ed25519Signatures.verify(key, request.nonce(), request.signature());
    }
}
