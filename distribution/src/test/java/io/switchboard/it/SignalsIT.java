package io.switchboard.it;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    @Test
    void lameDuckModeTellsClientsThenClosesThemAndRefusesNewOnes() throws Exception {
        Path conf = tmp.resolve("ldm.conf");
        Path pid = tmp.resolve("ldm.pid");
        Files.writeString(conf, "lame_duck_duration: 30s\nlame_duck_grace_period: 1s\n");
        try (ServerProcess broker = ServerProcess.start("-c", conf.toString(), "-P", pid.toString())) {
            List<ConnectionListener.Events> events = new CopyOnWriteArrayList<>();
            Connection client = Nats.connect(new Options.Builder().server(broker.url()).maxReconnects(0)
                    .connectionListener((conn, event) -> events.add(event)).build());
            signal("ldm=" + pid);
            await().atMost(Duration.ofSeconds(10)).until(() -> events.contains(ConnectionListener.Events.LAME_DUCK));
            await().atMost(Duration.ofSeconds(10)).until(() -> client.getStatus() == Connection.Status.CLOSED);
            assertThat(broker.log()).anyMatch(l -> l.contains("[INF] Entering lame duck mode, stop accepting new clients"));
            assertThatThrownBy(() -> Nats.connect(new Options.Builder().server(broker.url()).maxReconnects(0).build()))
                    .isInstanceOf(IOException.class);
            assertThat(broker.stop()).isZero();
        }
    }

    @Test
    void loggingSettingsComeFromTheConfigFileAndTheLogFileReopens() throws Exception {
        Path log = tmp.resolve("switchboard.log");
        Path rotated = tmp.resolve("switchboard.log.1");
        Path conf = tmp.resolve("log.conf");
        Path pid = tmp.resolve("log.pid");
        Files.writeString(conf, "debug: true\ntrace: true\nlogfile: \"" + log + "\"\n");
        try (ServerProcess broker = ServerProcess.launch("-c", conf.toString(), "-P", pid.toString(),
                "-a", "127.0.0.1", "-p", "-1")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> contains(log, "[INF] Server is ready"));
            Matcher port = Pattern.compile("Listening for client connections on [^ ]+:(\\d+)").matcher(Files.readString(log));
            assertThat(port.find()).isTrue();
            try (RawClient client = new RawClient(Integer.parseInt(port.group(1)))) {
                client.readInfo();
                client.send("CONNECT {\"verbose\":false}\r\n").sync(0);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> contains(log, "[TRC]")
                    && contains(log, "<<- [PING]") && contains(log, "[DBG]"));

            Files.move(log, rotated);
            signal("reopen=" + pid);
            await().atMost(Duration.ofSeconds(10)).until(() -> contains(log, "[INF] File log re-opened"));
            assertThat(broker.stop()).isZero();
            assertThat(Files.readString(log)).contains("Server Exiting..");
        }
    }

    private static boolean contains(Path file, String text) throws IOException {
        return Files.exists(file) && Files.readString(file).contains(text);
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
