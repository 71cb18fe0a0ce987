package io.switchboard.it;

import io.nats.client.Connection;
import io.nats.client.NKey;
import io.nats.client.Nats;
import io.nats.client.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The broker in-process, its NKey bundle stopped and started while clients come and go:
 * nobody who needs the missing authenticator gets in meanwhile, and a client admitted
 * before keeps its connection.
 */
class AuthFailsClosedIT {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path tmp;

    @Test
    void clientsNeedingAStoppedAuthenticatorAreRefusedUntilItIsBack() throws Exception {
        NKey user = NKey.createUser(new SecureRandom());
        Path conf = tmp.resolve("nkey.conf");
        Files.writeString(conf, "authorization { users: [ {nkey: " + new String(user.getPublicKey()) + "} ] }\n");
        try (EmbeddedBroker broker = EmbeddedBroker.start(ServerProcess.home(), tmp.resolve("broker.log"),
                "-c", conf.toString())) {
            refusedWhileStopped(broker, new Options.Builder().server(broker.url())
                    .authHandler(Nats.staticCredentials(null, user.getSeed())).maxReconnects(0).connectionTimeout(WAIT));
        }
    }

    private static void refusedWhileStopped(EmbeddedBroker broker, Options.Builder options) throws Exception {
        Bundle nkeyBundle = broker.bundle("io.switchboard.switchboard-auth-nkey");

        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
            try (Connection probe = Nats.connect(options.build())) {
                return probe.getStatus() == Connection.Status.CONNECTED;
            }
        });
        try (Connection admitted = Nats.connect(options.build())) {
            nkeyBundle.stop();
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(() -> Nats.connect(options.build())).hasMessageContaining("Authorization Violation");
            }
            assertThat(broker.logText()).contains("no authenticator available for nkey");

            nkeyBundle.start();
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
                try (Connection again = Nats.connect(options.build())) {
                    return again.getStatus() == Connection.Status.CONNECTED;
                }
            });
            admitted.flush(WAIT);
            assertThat(admitted.getStatus()).isEqualTo(Connection.Status.CONNECTED);
        }
    }
}
