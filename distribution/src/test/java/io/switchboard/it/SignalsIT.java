package io.switchboard.it;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** {@code bin/switchboard --signal} against a running broker found through its pid file. */
class SignalsIT {

    @TempDir
    Path tmp;

    @Test
    void reloadAppliesNewCredentialsAndKeepsClientsTheyStillAdmit() throws Exception {
        Path conf = tmp.resolve("auth.conf");
        Path pid = tmp.resolve("switchboard.pid");
        Files.writeString(conf, "authorization { user: alice, password: one }\n");
        try (ServerProcess broker = ServerProcess.start("-c", conf.toString(), "-P", pid.toString())) {
            assertThat(Files.readString(pid).strip()).isEqualTo(Long.toString(broker.pid()));
            try (Connection kept = connect(broker, "alice", "one")) {
                Files.writeString(conf, "authorization { user: alice, password: one }\nmax_subscriptions: 100\n");
                signal("reload=" + pid);
                await().atMost(Duration.ofSeconds(10)).until(() -> broker.logContains("Reloaded server configuration"));
                kept.flush(Duration.ofSeconds(5));
                assertThat(kept.getStatus()).isEqualTo(Connection.Status.CONNECTED);

                Files.writeString(conf, "authorization { user: alice, password: two }\n");
                signal("reload=" + pid);
                await().atMost(Duration.ofSeconds(10)).until(() -> kept.getStatus() != Connection.Status.CONNECTED);
                assertThat(broker.log()).anyMatch(l -> l.contains("authentication error after configuration reload"));
            }
            try (Connection renewed = connect(broker, "alice", "two")) {
                assertThat(renewed.getStatus()).isEqualTo(Connection.Status.CONNECTED);
            }
            assertThatThrownBy(() -> connect(broker, "alice", "one")).hasMessageContaining("Authorization Violation");
            assertThat(broker.stop()).isZero();
        }
        assertThat(pid).doesNotExist();
    }

    private static Connection connect(ServerProcess broker, String user, String pass) throws Exception {
        return Nats.connect(new Options.Builder().server(broker.url()).userInfo(user, pass)
                .maxReconnects(0).build());
    }

    private static void signal(String spec) throws Exception {
        try (ServerProcess sender = ServerProcess.launch("--signal", spec)) {
            assertThat(sender.awaitExit(Duration.ofSeconds(30))).as(String.join("\n", sender.log())).isZero();
        }
    }
}
