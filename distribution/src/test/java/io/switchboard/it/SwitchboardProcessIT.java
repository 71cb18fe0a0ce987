package io.switchboard.it;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The real assembled {@code bin/switchboard} with a real NATS client. */
class SwitchboardProcessIT {

    @Test
    void carriesMessagesAndStopsCleanlyOnSigterm() throws Exception {
        try (ServerProcess broker = ServerProcess.start()) {
            try (Connection nc = Nats.connect(broker.url())) {
                Subscription sub = nc.subscribe("greetings.>");
                nc.publish("greetings.world", "hello".getBytes(StandardCharsets.UTF_8));
                Message msg = sub.nextMessage(Duration.ofSeconds(5));
                assertThat(msg).isNotNull();
                assertThat(new String(msg.getData(), StandardCharsets.UTF_8)).isEqualTo("hello");
                assertThat(msg.getSubject()).isEqualTo("greetings.world");
            }
            assertThat(broker.stop()).isZero();
            assertThat(broker.log()).anyMatch(l -> l.contains("[INF] Server Exiting.."));
            assertThat(broker.log()).noneMatch(l -> l.contains("Exception") || l.contains("[ERR]"));
        }
    }

    @Test
    void logsLikeNatsServer() throws Exception {
        try (ServerProcess broker = ServerProcess.start()) {
            assertThat(broker.log()).anyMatch(l -> l.matches(
                    "\\[\\d+] \\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6} \\[INF] Listening for client connections on 127\\.0\\.0\\.1:\\d+"));
            assertThat(broker.log()).anyMatch(l -> l.endsWith("[INF] Server is ready"));
            assertThat(broker.stop()).isZero();
        }
    }

    @Test
    void portInUseIsOneFatalLineAndNonZeroExit() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
             ServerProcess broker = ServerProcess.launch("-a", "127.0.0.1", "-p", Integer.toString(taken.getLocalPort()))) {
            assertThat(broker.awaitExit(Duration.ofSeconds(30))).isNotZero();
            assertThat(broker.log()).anyMatch(l -> l.contains("[FTL] Error listening on port: 127.0.0.1:" + taken.getLocalPort()));
            assertThat(broker.log()).noneMatch(l -> l.startsWith("\tat "));
        }
    }

    @Test
    void unknownFlagIsOneFatalLineAndNonZeroExit() throws Exception {
        try (ServerProcess broker = ServerProcess.launch("--no-such-flag")) {
            assertThat(broker.awaitExit(Duration.ofSeconds(30))).isNotZero();
            assertThat(broker.log()).anyMatch(l -> l.contains("[FTL]") && l.contains("no-such-flag"));
            assertThat(broker.log()).noneMatch(l -> l.startsWith("\tat "));
        }
    }

    @Test
    void unreadableConfigIsOneFatalLineAndNonZeroExit() throws Exception {
        try (ServerProcess broker = ServerProcess.launch("-c", "/nonexistent/switchboard.conf")) {
            assertThat(broker.awaitExit(Duration.ofSeconds(30))).isNotZero();
            assertThat(broker.log()).anyMatch(l -> l.contains("[FTL]") && l.contains("/nonexistent/switchboard.conf"));
            assertThat(broker.log()).noneMatch(l -> l.startsWith("\tat "));
        }
    }

    @Test
    void helpAndVersion() throws Exception {
        try (ServerProcess help = ServerProcess.launch("--help")) {
            assertThat(help.awaitExit(Duration.ofSeconds(30))).isZero();
            assertThat(help.log()).anyMatch(l -> l.startsWith("Usage: switchboard [options]"));
        }
        try (ServerProcess version = ServerProcess.launch("--version")) {
            assertThat(version.awaitExit(Duration.ofSeconds(30))).isZero();
            assertThat(version.log()).anyMatch(l -> l.matches("switchboard: v\\d+\\.\\d+\\.\\d+.*"));
        }
    }
}
