package io.switchboard.it;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Clients that try to exhaust a server, run against nats-server and Switchboard alike: each is
 * cut as nats-server cuts it, the server goes on serving others, and its resident memory, read
 * from /proc before, during and after the attack, is printed beside nats-server's. Switchboard's
 * growth during an attack is held to a bound far below what an unbounded buffer would take.
 */
class ResourceExhaustionIT {

    private static final String CONNECT = "CONNECT {\"verbose\":false,\"pedantic\":false}\r\n";
    private static final long GROWTH_BOUND = 256L * 1024 * 1024;
    private static final String[] SERVERS = {"nats-server", "switchboard"};
    private static final String SERVES = "serves others";

    @Test
    void aConnectionStormPastMaxConnectionsIsRefusedOneByOne() throws Exception {
        compare("connection storm: 20 held, 200 more past max_connections 20", "max_connections: 20", broker -> {
            List<RawClient> held = new ArrayList<>();
            try {
                for (int i = 0; i < 20; i++) {
                    RawClient client = new RawClient(broker.port());
                    client.readInfo();
                    client.send(CONNECT).sync(0);
                    held.add(client);
                }
                List<String> refusals = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    try (RawClient extra = new RawClient(broker.port())) {
                        refusals.add(lastLine(extra.readUntil("\0 until closed")));
                    }
                }
                Memory.sample(broker, "during");
                held.remove(0).close();
                // the server frees the place once it has seen the close, which takes a moment
                await().atMost(Duration.ofSeconds(10)).until(() -> serves(broker).equals(SERVES));
                return refusals.stream().distinct().toList() + " then a place freed " + SERVES;
            } finally {
                for (RawClient client : held) {
                    client.close();
                }
            }
        });
    }

    @Test
    void silentSocketsAreCutAtTheAuthTimeout() throws Exception {
        compare("100 sockets that never send CONNECT, auth timeout 1 s",
                "authorization { user: a, password: b, timeout: 1 }", broker -> {
            List<RawClient> silent = new ArrayList<>();
            try {
                for (int i = 0; i < 100; i++) {
                    silent.add(new RawClient(broker.port()));
                }
                Memory.sample(broker, "during");
                List<String> answers = new ArrayList<>();
                for (RawClient client : silent) {
                    answers.add(lastLine(client.readUntil("\0 until closed")) + (client.closedByServer() ? " closed" : ""));
                }
                return answers.stream().distinct().toList() + " then " + serves(broker, "a", "b");
            } finally {
                for (RawClient client : silent) {
                    client.close();
                }
            }
        });
    }

    @Test
    void subscribingPastMaxSubsIsRefused() throws Exception {
        compare("one client subscribing 1,000 times past max_subs 100", "max_subs: 100", broker -> {
            try (RawClient greedy = new RawClient(broker.port())) {
                greedy.readInfo();
                StringBuilder subs = new StringBuilder(CONNECT);
                for (int i = 0; i < 1000; i++) {
                    subs.append("SUB s.").append(i).append(' ').append(i).append("\r\n");
                }
                greedy.send(subs.toString());
                String answer = greedy.sync(0);
                Memory.sample(broker, "during");
                long errors = answer.lines().filter(l -> l.startsWith("-ERR")).count();
                return answer.lines().filter(l -> l.startsWith("-ERR")).distinct().toList() + " x" + errors
                        + (greedy.closedByServer() ? " closed" : " open") + " then " + serves(broker);
            }
        });
    }

    @Test
    void aControlLineThatNeverEndsIsCut() throws Exception {
        compare("a SUB line that never ends, past max_control_line", "", broker -> {
            try (RawClient endless = new RawClient(broker.port())) {
                endless.readInfo();
                // more than the limit, and no more: bytes the server never reads would reset the socket
                endless.send(CONNECT + "SUB " + "a".repeat(5000));
                Memory.sample(broker, "during");
                String answer = lastLine(endless.readUntil("\0 until closed"));
                return answer + (endless.closedByServer() ? " closed" : " open") + " then " + serves(broker);
            }
        });
    }

    private interface Attack {
        String run(ServerProcess broker) throws Exception;
    }

    /** Runs the attack on both servers; Switchboard must end as nats-server does, within its memory bound. */
    private static void compare(String attack, String config, Attack run) throws Exception {
        Map<String, String> outcomes = new LinkedHashMap<>();
        for (String server : SERVERS) {
            try (ServerProcess broker = ServerProcess.startNamed(server, config)) {
                Memory.start(broker);
                Memory.sample(broker, "before");
                outcomes.put(server, run.run(broker));
                Memory.sample(broker, "after");
                assertThat(broker.isAlive()).isTrue();
                System.out.printf("[reliability] %-52s %-11s %s -> %s%n", attack, server, Memory.report(broker),
                        outcomes.get(server));
                if (server.equals("switchboard")) {
                    assertThat(Memory.growth(broker)).as("resident memory growth during the attack")
                            .isLessThan(GROWTH_BOUND);
                }
            }
        }
        assertThat(outcomes.get("switchboard")).isEqualTo(outcomes.get("nats-server"));
    }

    /** Whether a fresh client still gets its own message back: the server serves others. */
    private static String serves(ServerProcess broker, String... userAndPassword) throws IOException {
        try (RawClient client = new RawClient(broker.port())) {
            client.readInfo();
            String connect = userAndPassword.length == 0 ? CONNECT
                    : "CONNECT {\"verbose\":false,\"user\":\"" + userAndPassword[0] + "\",\"pass\":\"" + userAndPassword[1]
                    + "\"}\r\n";
            client.send(connect + "SUB check 1\r\nPUB check 2\r\nok\r\n");
            return client.sync(0).contains("MSG check 1 2\r\nok\r\n") ? SERVES : "does not serve";
        }
    }

    private static String lastLine(String text) {
        List<String> lines = text.lines().toList();
        return lines.isEmpty() ? "(nothing)" : lines.get(lines.size() - 1);
    }

    /** Resident set sizes of a server process, read from /proc at the moments the attack names. */
    private static final class Memory {

        private static final Map<Long, Map<String, Long>> SAMPLES = new LinkedHashMap<>();

        static void start(ServerProcess broker) {
            SAMPLES.put(broker.pid(), new LinkedHashMap<>());
        }

        static void sample(ServerProcess broker, String moment) throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(broker.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    SAMPLES.get(broker.pid()).put(moment, Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024);
                }
            }
        }

        static long growth(ServerProcess broker) {
            Map<String, Long> samples = SAMPLES.get(broker.pid());
            return Math.max(samples.get("during"), samples.get("after")) - samples.get("before");
        }

        static String report(ServerProcess broker) {
            StringBuilder text = new StringBuilder("RSS MB");
            SAMPLES.get(broker.pid()).forEach((moment, bytes) ->
                    text.append(' ').append(moment).append(' ').append(bytes / (1024 * 1024)));
            return text.toString();
        }
    }
}
