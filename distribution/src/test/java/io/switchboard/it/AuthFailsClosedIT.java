package io.switchboard.it;

import io.nats.client.AuthHandler;
import io.nats.client.Connection;
import io.nats.client.NKey;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.support.JwtUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;

import static io.switchboard.it.TrustChain.pub;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The broker in-process, an auth bundle stopped and started while clients come and go:
 * nobody who needs the missing authenticator gets in meanwhile, and a client admitted
 * before keeps its connection.
 */
class AuthFailsClosedIT {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path tmp;

    @Test
    void nkeyUsersAreRefusedWhileTheNKeyBundleIsStopped() throws Exception {
        NKey user = NKey.createUser(RANDOM);
        assertFailsClosed("nkey", "authorization { users: [ {nkey: " + pub(user) + "} ] }\n",
                Nats.staticCredentials(null, user.getSeed()));
    }

    @Test
    void jwtUsersAreRefusedWhileTheJwtBundleIsStopped() throws Exception {
        NKey operator = NKey.createOperator(RANDOM);
        NKey account = NKey.createAccount(RANDOM);
        NKey user = NKey.createUser(RANDOM);
        long now = JwtUtils.currentTimeSeconds();
        String config = TrustChain.config(TrustChain.operatorJwt(operator, now), pub(account),
                pub(account) + ": " + TrustChain.accountJwt(operator, account, now, TrustChain.NO_LIMITS));
        String jwt = JwtUtils.issueUserJWT(account, pub(user), null, null, now, new JwtUtils.UserClaim(pub(account)));
        assertFailsClosed("jwt", config, Nats.staticCredentials(jwt.toCharArray(), user.getSeed()));
    }

    /** Starts the broker with {@code config}, then stops and starts the bundle of {@code method} around new clients. */
    private void assertFailsClosed(String method, String config, AuthHandler credentials) throws Exception {
        Path conf = tmp.resolve(method + ".conf");
        Files.writeString(conf, config);
        try (EmbeddedBroker broker = EmbeddedBroker.start(ServerProcess.home(), tmp.resolve("broker.log"),
                "-c", conf.toString())) {
            Options.Builder options = new Options.Builder().server(broker.url())
                    .authHandler(credentials).maxReconnects(0).connectionTimeout(WAIT);
            Bundle authBundle = broker.bundle("io.switchboard.switchboard-auth-" + method);

            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> connects(options));
            try (Connection admitted = Nats.connect(options.build())) {
                authBundle.stop();
                for (int i = 0; i < 3; i++) {
                    assertThatThrownBy(() -> Nats.connect(options.build())).hasMessageContaining("Authorization Violation");
                }
                assertThat(broker.logText()).contains("no authenticator available for " + method);

                authBundle.start();
                await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> connects(options));
                admitted.flush(WAIT);
                assertThat(admitted.getStatus()).isEqualTo(Connection.Status.CONNECTED);
            }
        }
    }

    private static boolean connects(Options.Builder options) throws Exception {
        try (Connection probe = Nats.connect(options.build())) {
            return probe.getStatus() == Connection.Status.CONNECTED;
        }
    }
}
