package io.switchboard.core.auth;

import io.switchboard.core.config.ServerOptions;
import io.switchboard.core.spi.auth.AuthDecision;
import io.switchboard.core.spi.auth.Authenticator;
import io.switchboard.core.spi.auth.Permissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class AuthChainTest {

    @TempDir
    Path tmp;

    private AuthChain chain;

    @AfterEach
    void close() {
        if (chain != null) {
            chain.close();
        }
    }

    @Test
    void configuredPasswordsAreCheckedAtOnce() throws Exception {
        chain = chain("authorization { users: [ {user: alice, password: one} ] }");
        CompletableFuture<AuthDecision> right = chain.authenticate(request("alice", "one"));
        assertThat(right).isDone();
        assertThat(right.join()).isEqualTo(AuthDecision.allow("$G", Permissions.ALL));
        assertThat(chain.authenticate(request("alice", "two")).join()).isInstanceOf(AuthDecision.Deny.class);
        assertThat(chain.authenticate(request("bob", "one")).join()).isEqualTo(AuthDecision.deny(null));
    }

    @Test
    void pluginsAreAskedByRankingAndThePassOfAllIsADenial() throws Exception {
        chain = chain("authorization { authenticators: [low, high] }");
        chain.add(new AuthChain.Plugin(r -> done(AuthDecision.allow("$G", Permissions.ALL)), "low", 1, 1));
        chain.add(new AuthChain.Plugin(r -> done(r.user().equals("banned") ? AuthDecision.deny("banned")
                : AuthDecision.next()), "high", 10, 2));
        assertThat(decide(request("anyone", "x"))).isInstanceOf(AuthDecision.Allow.class);
        assertThat(decide(request("banned", "x"))).isEqualTo(AuthDecision.deny("banned"));
        chain.remove(1);
        assertThat(decide(request("anyone", "x"))).isInstanceOf(AuthDecision.Deny.class);
    }

    @Test
    void aMissingRequiredMethodRefusesEveryone() throws Exception {
        chain = chain("authorization { authenticators: [corporate] }");
        assertThat(chain.required()).isTrue();
        assertThat(decide(request("alice", "one"))).isEqualTo(AuthDecision.deny("no authenticator available for corporate"));
    }

    @Test
    void aPluginThatThrowsOrNeverAnswersDenies() throws Exception {
        chain = chain("authorization { authenticators: [broken], timeout: 0.3 }");
        Authenticator throwing = r -> {
            throw new IllegalStateException("boom");
        };
        chain.add(new AuthChain.Plugin(throwing, "broken", 0, 1));
        assertThat(decide(request("alice", "one"))).isInstanceOf(AuthDecision.Deny.class);
        chain.remove(1);
        chain.add(new AuthChain.Plugin(r -> new CompletableFuture<>(), "broken", 0, 2));
        assertThat(decide(request("alice", "one"))).isEqualTo(AuthDecision.deny("authenticator failed: timed out"));
    }

    @Test
    void anOpenServerStaysOpenWhenPluginsArePresent() throws Exception {
        chain = chain("port: 4222");
        chain.add(new AuthChain.Plugin(r -> done(AuthDecision.deny("no")), "nkey", 0, 1));
        assertThat(chain.required()).isFalse();
        assertThat(chain.nonceRequired()).isFalse();
    }

    @Test
    void trustedOperatorsNeedTheJwtMethodAndANonce() throws Exception {
        chain = chain("trusted_keys: [\"OBVIOUSLYNOTCHECKEDHERE\"]\nresolver: MEMORY");
        assertThat(chain.required()).isTrue();
        assertThat(chain.nonceRequired()).isTrue();
        assertThat(decide(request("alice", "one"))).isEqualTo(AuthDecision.deny("no authenticator available for jwt"));
        chain.add(new AuthChain.Plugin(r -> done(AuthDecision.deny("no user JWT")), "jwt", 0, 1));
        assertThat(decide(request("alice", "one"))).isEqualTo(AuthDecision.deny("no user JWT"));
    }

    private AuthDecision decide(ClientCredentials request) throws Exception {
        return chain.authenticate(request).get(5, TimeUnit.SECONDS);
    }

    private AuthChain chain(String config) throws IOException {
        Path file = tmp.resolve("server.conf");
        Files.writeString(file, config);
        ServerOptions options = ServerOptions.load("-c", file.toString());
        return new AuthChain(() -> options);
    }

    private static CompletableFuture<AuthDecision> done(AuthDecision decision) {
        return CompletableFuture.completedFuture(decision);
    }

    private static ClientCredentials request(String user, String password) {
        return new ClientCredentials(user, password, null, null, null, null, null, List.of(), null, "client", "");
    }
}
