package io.switchboard.it;

import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLEngine;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

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
    /** Far below the 20 GB the frames of the endless-frame attack announce, or the 1.28 GB of the big ones. */
    private static final long DIRECT_GROWTH_BOUND = 64L * 1024 * 1024;
    private static final String[] SERVERS = {"nats-server", "switchboard"};
    private static final String SERVES = "serves others";
    private static final String AUTH = "authorization { user: a, password: b, timeout: 1 }\n";
    private static final String WSS = "websocket { listen: \"127.0.0.1:-1\", handshake_timeout: \"1s\", "
            + TestCa.serverTlsBlock() + " }";
    private static final String WS = AUTH + "websocket { listen: \"127.0.0.1:-1\", no_tls: true, "
            + "handshake_timeout: \"1s\" }";

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

    @Test
    void silentAndHalfHelloSocketsAtATlsPortAreCutAtTheHandshakeTimeout() throws Exception {
        byte[] hello = clientHello();
        String halfHello = new String(hello, 0, hello.length / 2, StandardCharsets.ISO_8859_1);
        socketAttack("10 silent sockets and 10 half ClientHellos at wss, handshake_timeout 1 s", WSS,
                i -> i % 2 == 1 ? halfHello : "");
    }

    @Test
    void unfinishedUpgradeRequestsAreCutAtTheHandshakeTimeout() throws Exception {
        socketAttack("20 upgrade requests that never end, handshake_timeout 1 s", WS,
                i -> "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n", "a", "b");
    }

    @Test
    void upgradedClientsThatSendNothingAreCutAtTheAuthTimeout() throws Exception {
        upgradedAttack("20 upgraded websockets that send nothing, auth timeout 1 s", ws -> { });
    }

    @Test
    void aWebSocketFrameThatNeverEndsAllocatesNothingAndIsCutAtTheAuthTimeout() throws Exception {
        byte[] frame = RawWebSocket.unfinishedFrame(0x82, 1L << 30,
                "CONNECT {\"verbose\":false,\"user\":".getBytes(StandardCharsets.ISO_8859_1));
        upgradedAttack("20 websocket frames announcing 1 GB, 30 bytes come, auth timeout 1 s", ws -> {
            for (int from = 0; from < frame.length; from += 10) {
                ws.send(Arrays.copyOfRange(frame, from, Math.min(from + 10, frame.length)));
            }
        });
    }

    @Test
    void aWebSocketFrameCarryingMoreThanMaxPayloadIsCut() throws Exception {
        byte[] frame = RawWebSocket.unfinishedFrame(0x82, 64L << 20, ("CONNECT {\"verbose\":false,"
                + "\"user\":\"a\",\"pass\":\"b\"}\r\nPUB big 2000000\r\n").getBytes(StandardCharsets.ISO_8859_1));
        upgradedAttack("20 websocket frames of 64 MB carrying a PUB past max_payload", ws -> ws.send(frame));
    }

    @Test
    void aClientHelloFloodAtATlsPortHarmsNoBystander() throws Exception {
        compare("60 ClientHellos and 20 garbage openings at wss, handshake_timeout 1 s", WSS, broker -> {
            byte[] hello = clientHello();
            List<RawClient> flood = new ArrayList<>();
            try (RawWebSocket bystander = RawWebSocket.overTls(broker.websocketPort(), TestCa.trusting())) {
                bystander.send(RawWebSocket.upgrade("/")).readHead();
                openSockets(broker, 80, i -> i % 4 == 3 ? "\u0000\u0001garbage, not TLS\r\n"
                        : new String(hello, StandardCharsets.ISO_8859_1), flood);
                Memory.sample(broker, "during");
                String served = bystanderServes(bystander) + " and " + serves(broker);
                return endings(flood) + ", meanwhile a wss client and a TCP client " + served;
            } finally {
                closeAll(flood);
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
            try (ServerProcess broker = ServerProcess.startNamed(server, "http_port: -1\n" + config)) {
                Memory.start(broker, server);
                Memory.sample(broker, "before");
                outcomes.put(server, run.run(broker));
                Memory.sample(broker, "after");
                assertThat(broker.isAlive()).isTrue();
                System.out.printf("[reliability] %-52s %-11s %s -> %s%n", attack, server, Memory.report(broker),
                        outcomes.get(server));
                if (server.equals("switchboard")) {
                    assertThat(Memory.growth(broker)).as("resident memory growth during the attack")
                            .isLessThan(GROWTH_BOUND);
                    assertThat(Memory.directGrowth(broker)).as("direct memory growth during the attack")
                            .isLessThan(DIRECT_GROWTH_BOUND);
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

    /**
     * Opens {@code count} sockets at the WebSocket port, each sending what {@code opening} gives for
     * its number, then reports how they ended and whether the server still serves a client (with
     * {@code userAndPassword} when the configuration asks for them).
     */
    private static void socketAttack(String attack, String config, IntFunction<String> opening,
            String... userAndPassword) throws Exception {
        compare(attack, config, broker -> {
            List<RawClient> sockets = new ArrayList<>();
            try {
                openSockets(broker, 20, opening, sockets);
                Memory.sample(broker, "during");
                return endings(sockets) + " then " + serves(broker, userAndPassword);
            } finally {
                closeAll(sockets);
            }
        });
    }

    /** Adds to {@code into} as they open, so that whoever holds the list closes every one. */
    private static void openSockets(ServerProcess broker, int count, IntFunction<String> opening,
            List<RawClient> into) throws IOException {
        for (int i = 0; i < count; i++) {
            RawClient client = new RawClient(broker.websocketPort());
            into.add(client);
            String first = opening.apply(i);
            if (!first.isEmpty()) {
                client.send(first);
            }
        }
    }

    /**
     * Upgrades 20 WebSocket clients, each sending its opening at once, then reports what they got
     * up to the server's hang-up and whether the server still serves an authorized client.
     */
    private static void upgradedAttack(String attack, Opening opening) throws Exception {
        compare(attack, WS, broker -> {
            List<RawWebSocket> clients = upgraded(broker, 20, opening);
            try {
                Memory.sample(broker, "during");
                return transcripts(clients) + " then " + serves(broker, "a", "b");
            } finally {
                closeAll(clients);
            }
        });
    }

    /** What an attack sends on one websocket client as soon as it is upgraded. */
    private interface Opening {
        void send(RawWebSocket ws) throws IOException;
    }

    /**
     * Upgraded websocket clients, each having read its INFO frame and sent its opening at once, so
     * that no client's auth timeout runs out before the attack reaches it.
     */
    private static List<RawWebSocket> upgraded(ServerProcess broker, int count, Opening opening) throws IOException {
        List<RawWebSocket> clients = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            RawWebSocket ws = new RawWebSocket(broker.websocketPort());
            clients.add(ws);
            assertThat(ws.send(RawWebSocket.upgrade("/")).readHead()).startsWith("HTTP/1.1 101");
            assertThat(ws.readFrame().text()).startsWith("INFO ");
            opening.send(ws);
        }
        return clients;
    }

    /** The distinct ways the sockets ended: what came last and whether the server closed them. */
    private static List<String> endings(List<RawClient> clients) throws IOException {
        List<String> endings = new ArrayList<>();
        for (RawClient client : clients) {
            String ending;
            try {
                String received = client.readUntil("\0 until closed");
                ending = (received.isEmpty() ? "nothing" : received.charAt(0) == 0x16 ? "a TLS handshake answer"
                        : received.charAt(0) == 0x15 ? "a TLS alert" : lastLine(received)) + ", closed";
            } catch (IllegalStateException held) {
                ending = "held open past 5 s";
            }
            endings.add(ending);
        }
        return endings.stream().distinct().sorted().toList();
    }

    /** The distinct frames the websocket clients got after their INFO, up to the server's hang-up. */
    private static List<String> transcripts(List<RawWebSocket> clients) throws IOException {
        List<String> transcripts = new ArrayList<>();
        for (RawWebSocket ws : clients) {
            String transcript;
            try {
                transcript = ws.readFrames(0).stream().map(f -> f.opcode() <= 2 ? f.text().strip() : f.describe())
                        .toList() + (ws.readFrame() == null ? " closed" : " open");
            } catch (SocketTimeoutException held) {
                transcript = "held open past 5 s";
            }
            transcripts.add(transcript);
        }
        return transcripts.stream().distinct().toList();
    }

    /** Whether a websocket client already connected still gets its PONG. */
    private static String bystanderServes(RawWebSocket ws) throws IOException {
        assertThat(ws.readFrame().text()).startsWith("INFO ");
        ws.send(RawWebSocket.frame(0x82, CONNECT + "PING\r\n"));
        return ws.readFrames(1).stream().anyMatch(f -> f.text().contains("PONG")) ? SERVES : "does not serve";
    }

    /** The first flight of a TLS client: one ClientHello record. */
    private static byte[] clientHello() throws Exception {
        SSLEngine engine = TestCa.trusting().createSSLEngine("localhost", 443);
        engine.setUseClientMode(true);
        ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        engine.beginHandshake();
        engine.wrap(ByteBuffer.allocate(0), out);
        out.flip();
        byte[] hello = new byte[out.remaining()];
        out.get(hello);
        return hello;
    }

    private static void closeAll(List<? extends AutoCloseable> clients) throws Exception {
        for (AutoCloseable client : clients) {
            client.close();
        }
    }

    private static String lastLine(String text) {
        List<String> lines = text.lines().toList();
        return lines.isEmpty() ? "(nothing)" : lines.get(lines.size() - 1);
    }

    /**
     * Resident set sizes of a server process, read from /proc at the moments the attack names, and
     * for Switchboard its direct buffers, from the monitor's {@code /metrics}.
     */
    private static final class Memory {

        private static final String DIRECT = "jvm_buffer_pool_used_bytes{pool=\"direct\"} ";
        private static final Map<Long, Map<String, Long>> SAMPLES = new LinkedHashMap<>();
        private static final Map<Long, Map<String, Long>> DIRECT_SAMPLES = new LinkedHashMap<>();
        private static final Map<Long, MonitorClient> MONITORS = new LinkedHashMap<>();

        static void start(ServerProcess broker, String server) {
            SAMPLES.put(broker.pid(), new LinkedHashMap<>());
            DIRECT_SAMPLES.put(broker.pid(), new LinkedHashMap<>());
            if (server.equals("switchboard")) {
                MONITORS.put(broker.pid(), new MonitorClient(broker.monitorPort()));
            }
        }

        static void sample(ServerProcess broker, String moment) throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(broker.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    SAMPLES.get(broker.pid()).put(moment, Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024);
                }
            }
            MonitorClient monitor = MONITORS.get(broker.pid());
            if (monitor != null) {
                try {
                    monitor.get("/metrics").body().lines().filter(l -> l.startsWith(DIRECT)).findFirst()
                            .ifPresent(l -> DIRECT_SAMPLES.get(broker.pid()).put(moment,
                                    (long) Double.parseDouble(l.substring(DIRECT.length()).trim())));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            }
        }

        static long growth(ServerProcess broker) {
            Map<String, Long> samples = SAMPLES.get(broker.pid());
            return Math.max(samples.get("during"), samples.get("after")) - samples.get("before");
        }

        static long directGrowth(ServerProcess broker) {
            Map<String, Long> samples = DIRECT_SAMPLES.get(broker.pid());
            return Math.max(samples.get("during"), samples.get("after")) - samples.get("before");
        }

        static String report(ServerProcess broker) {
            StringBuilder text = new StringBuilder("RSS MB");
            SAMPLES.get(broker.pid()).forEach((moment, bytes) ->
                    text.append(' ').append(moment).append(' ').append(bytes / (1024 * 1024)));
            if (!DIRECT_SAMPLES.get(broker.pid()).isEmpty()) {
                text.append(", direct MB");
                DIRECT_SAMPLES.get(broker.pid()).forEach((moment, bytes) ->
                        text.append(' ').append(moment).append(String.format(" %.1f", bytes / 1048576.0)));
            }
            return text.toString();
        }
    }
}
