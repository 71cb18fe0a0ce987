package io.switchboard.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The websocket listener against Debian's nats-server 2.9.10, side by side over raw sockets:
 * the same handshakes must get the same HTTP answers, and the same frames the same data and
 * close frames.
 */
class WebSocketConformanceIT {

    private static final String CONFIG = """
            websocket {
              listen: "127.0.0.1:-1"
              no_tls: true
              compression: true
              allowed_origins: ["http://allowed.example"]
            }
            """;
    private static final String C = "CONNECT {\"verbose\":false,\"pedantic\":false}\r\n";
    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?im)^Content-Length: (\\d+)$");

    /** What a server answered a handshake: head (without the date) and body. */
    static String answer(ServerProcess server, String request) throws IOException {
        try (RawWebSocket ws = new RawWebSocket(server.websocketPort())) {
            return readAnswer(ws.send(request));
        }
    }

    private static String readAnswer(RawWebSocket ws) throws IOException {
        String head = ws.readHead();
        String body;
        Matcher length = CONTENT_LENGTH.matcher(head);
        if (head.startsWith("HTTP/1.1 101")) {
            body = "";
        } else if (length.find()) {
            body = new String(ws.readBytes(Integer.parseInt(length.group(1))));
        } else {
            body = ws.readToEnd();
        }
        return head.replaceAll("(?m)^Date: .*\r\n", "") + "\n\n" + body;
    }

    /** What came back for some frames after the INFO: data, control frames, and whether the server hung up. */
    record Transcript(String data, List<String> controls, boolean closed) {
    }

    static Transcript exchange(ServerProcess server, byte[] frames, int pongs) throws IOException {
        try (RawWebSocket ws = new RawWebSocket(server.websocketPort())) {
            assertThat(ws.send(RawWebSocket.upgrade("/")).readHead()).startsWith("HTTP/1.1 101");
            List<RawWebSocket.Frame> received = ws.send(frames).readFrames(pongs);
            String data = received.stream().filter(f -> f.opcode() <= 2).map(RawWebSocket.Frame::text)
                    .collect(Collectors.joining());
            assertThat(data).startsWith("INFO {");
            List<String> controls = received.stream().filter(f -> f.opcode() > 2)
                    .map(RawWebSocket.Frame::describe).toList();
            if (!controls.isEmpty() && controls.get(controls.size() - 1).startsWith("CLOSE")) {
                assertThat(ws.readFrame()).as("hang-up after the close frame").isNull();
            }
            return new Transcript(data.substring(data.indexOf("\r\n") + 2), controls, ws.hungUp());
        }
    }

    static Stream<Arguments> handshakes() {
        return Stream.of(
                arguments("upgrade", RawWebSocket.upgrade("/")),
                arguments("any path", RawWebSocket.upgrade("/some/path?x=1")),
                arguments("not GET", RawWebSocket.upgrade("/").replace("GET", "POST")),
                arguments("no Upgrade", RawWebSocket.upgrade("/").replace("Upgrade: websocket\r\n", "")),
                arguments("no Connection", RawWebSocket.upgrade("/").replace("Connection: Upgrade\r\n", "")),
                arguments("Connection without upgrade", RawWebSocket.upgrade("/").replace("Connection: Upgrade", "Connection: keep-alive")),
                arguments("no key", RawWebSocket.upgrade("/").replace("Sec-WebSocket-Key: " + RawWebSocket.KEY + "\r\n", "")),
                arguments("old version", RawWebSocket.upgrade("/").replace("Version: 13", "Version: 8")),
                arguments("HTTP/1.1 without Host", RawWebSocket.upgrade("/").replace("Host: 127.0.0.1\r\n", "")),
                arguments("HTTP/1.0 without Host", RawWebSocket.upgrade("/").replace("HTTP/1.1", "HTTP/1.0")
                        .replace("Host: 127.0.0.1\r\n", "")),
                arguments("not HTTP", "hello\r\n\r\n"),
                arguments("compression offered", RawWebSocket.upgrade("/", "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits")),
                arguments("other extension offered", RawWebSocket.upgrade("/", "Sec-WebSocket-Extensions: x-webkit-deflate-frame")),
                arguments("no masking", RawWebSocket.upgrade("/", "Nats-No-Masking: true")),
                arguments("allowed origin", RawWebSocket.upgrade("/", "Origin: http://allowed.example")),
                arguments("allowed origin, other port", RawWebSocket.upgrade("/", "Origin: http://allowed.example:8080")),
                arguments("disallowed origin", RawWebSocket.upgrade("/", "Origin: http://evil.example")),
                arguments("disallowed origin, closing", RawWebSocket.upgrade("/", "Origin: https://allowed.example", "Connection: close")
                        .replace("Connection: Upgrade\r\n", "")),
                arguments("leaf node path", RawWebSocket.upgrade("/leafnode")));
    }

    static Stream<Arguments> exchanges() {
        return Stream.of(
                arguments("protocol in a binary frame", frames(0x82, C + "SUB a 1\r\nPUB a 2\r\nhi\r\nPING\r\n"), 1),
                arguments("protocol in a text frame", frames(0x81, C + "PING\r\n"), 1),
                arguments("protocol in fragments", cat(frames(0x02, C + "PI"), frames(0x00, "N"), frames(0x80, "G\r\n")), 1),
                arguments("ping between fragments", cat(frames(0x02, C + "PI"), frames(0x89, "x"), frames(0x80, "NG\r\n")), 1),
                arguments("ping control frame", cat(frames(0x89, "hello"), frames(0x82, C + "PING\r\n")), 1),
                arguments("pong control frame", cat(frames(0x8A, "hello"), frames(0x82, C + "PING\r\n")), 1),
                arguments("empty data frames", cat(frames(0x82, ""), frames(0x82, C + "PING\r\n")), 1),
                arguments("unknown operation", frames(0x82, C + "FOO\r\n"), 0),
                arguments("payload over max_payload", frames(0x82, C + "PUB a 2000000\r\n"), 0),
                arguments("overlong control line", frames(0x82, C + "SUB " + "a".repeat(5000) + " 1\r\n"), 0),
                arguments("bad client protocol", frames(0x82, "CONNECT {\"protocol\":5}\r\n"), 0),
                arguments("close with status", frames(0x88, "\u0003\u00e8bye"), 0),
                arguments("close without status", frames(0x88, ""), 0),
                arguments("close with bad utf-8", frames(0x88, "\u0003\u00e8\u00ff"), 0));
    }

    /** Frames that break RFC 6455, with nats-server's close text. */
    static Stream<Arguments> framingErrors() {
        return Stream.of(
                arguments("unmasked frame", RawWebSocket.frame(0x82, C.getBytes(), false), "mask bit missing"),
                arguments("long control frame", frames(0x89, "x".repeat(126)),
                        "control frame length bigger than maximum allowed of 125 bytes"),
                arguments("fragmented control frame", frames(0x09, "x"), "control frame does not have final bit set"),
                arguments("unknown opcode", frames(0x83, "x"), "unknown opcode 3"),
                arguments("continuation first", frames(0x80, "x"), "invalid continuation frame"),
                arguments("new message before the last ended", cat(frames(0x02, "PI"), frames(0x82, "NG\r\n")),
                        "new message started before final frame for previous message was received"));
    }

    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract class ServerPair {

        private final String config;
        private final String[] flags;
        ServerProcess reference;
        ServerProcess sut;
        private SideBySide servers;

        ServerPair(String config, String... flags) {
            this.config = config;
            this.flags = flags;
        }

        @BeforeAll
        void start() throws IOException {
            String file = ServerProcess.configFile(config).toString();
            servers = SideBySide.start(Stream.concat(Stream.of("-c", file), Stream.of(flags)).toArray(String[]::new));
            reference = servers.reference();
            sut = servers.sut();
        }

        @AfterAll
        void stop() throws InterruptedException {
            servers.close();
        }
    }

    @Nested
    class Open extends ServerPair {

        Open() {
            super(CONFIG);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.switchboard.it.WebSocketConformanceIT#handshakes")
        void handshakeAnswersLikeNatsServer(String name, String request) throws IOException {
            assertThat(answer(sut, request)).as(name).isEqualTo(answer(reference, request));
        }

        @Test
        void refusedHandshakeKeepsTheConnectionForAnotherTry() throws IOException {
            String bad = RawWebSocket.upgrade("/").replace("Version: 13", "Version: 8");
            for (ServerProcess server : List.of(reference, sut)) {
                try (RawWebSocket ws = new RawWebSocket(server.websocketPort())) {
                    assertThat(readAnswer(ws.send(bad))).startsWith("HTTP/1.1 400 Bad Request");
                    assertThat(readAnswer(ws.send(RawWebSocket.upgrade("/")))).startsWith("HTTP/1.1 101");
                    assertThat(ws.readFrame().text()).startsWith("INFO {");
                }
            }
        }

        @Test
        void leafNodePathIsClosedAfterTheUpgrade() throws IOException {
            for (ServerProcess server : List.of(reference, sut)) {
                try (RawWebSocket ws = new RawWebSocket(server.websocketPort())) {
                    assertThat(ws.send(RawWebSocket.upgrade("/leafnode")).readHead()).startsWith("HTTP/1.1 101");
                    assertThat(ws.readFrame()).as("hang-up").isNull();
                }
            }
            assertThat(sut.log()).anyMatch(l -> l.endsWith("[ERR] Not configured to accept leaf node connections"));
        }

        @Test
        void logsHandshakeErrorsAsNatsServer() throws IOException {
            answer(sut, RawWebSocket.upgrade("/").replace("GET", "POST"));
            assertThat(sut.log()).anyMatch(l -> l.matches(
                    ".*\\[ERR] 127\\.0\\.0\\.1:\\d+ - websocket handshake error: request method must be GET"));
            assertThat(sut.log()).anyMatch(l -> l.matches(
                    ".*\\[INF] Listening for websocket clients on ws://127\\.0\\.0\\.1:\\d+"));
            assertThat(sut.log()).anyMatch(l -> l.endsWith("[WRN] Websocket not configured with TLS. DO NOT USE IN PRODUCTION!"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.switchboard.it.WebSocketConformanceIT#exchanges")
        void framesAnswerLikeNatsServer(String name, byte[] frames, int pongs) throws IOException {
            assertThat(exchange(sut, frames, pongs)).as(name).isEqualTo(exchange(reference, frames, pongs));
        }

        /**
         * nats-server 2.9.10 queues the close frame and closes the socket in a race, so it sends
         * the frame only sometimes; when it does, Switchboard's must be the same, and Switchboard
         * always sends it.
         */
        @ParameterizedTest(name = "{0}")
        @MethodSource("io.switchboard.it.WebSocketConformanceIT#framingErrors")
        void framingErrorsCloseWithProtocolError(String name, byte[] frames, String text) throws IOException {
            Transcript expected = new Transcript("", List.of("CLOSE 1002 " + text), true);
            assertThat(exchange(sut, frames, 0)).as(name).isEqualTo(expected);
            Transcript reference = exchange(this.reference, frames, 0);
            assertThat(reference).as(name).isIn(expected, new Transcript("", List.of(), true));
        }
    }

    @Nested
    class WithUserAndPassword extends ServerPair {

        WithUserAndPassword() {
            super(CONFIG, "--user", "alice", "--pass", "s3cret");
        }

        @Test
        void wrongPasswordClosesWithPolicyViolation() throws IOException {
            byte[] connect = frames(0x82, "CONNECT {\"verbose\":false,\"user\":\"alice\",\"pass\":\"nope\"}\r\nPING\r\n");
            Transcript expected = exchange(reference, connect, 0);
            assertThat(expected.controls()).containsExactly("CLOSE 1008 Authentication Failure");
            assertThat(exchange(sut, connect, 0)).isEqualTo(expected);
        }

        @Test
        void rightPasswordIsAdmitted() throws IOException {
            byte[] connect = frames(0x82, "CONNECT {\"verbose\":false,\"user\":\"alice\",\"pass\":\"s3cret\"}\r\nPING\r\n");
            assertThat(exchange(sut, connect, 1)).isEqualTo(exchange(reference, connect, 1));
        }
    }

    @Nested
    class OneConnectionAtMost extends ServerPair {

        OneConnectionAtMost() {
            super(CONFIG + "max_connections: 1\n");
        }

        @Test
        void websocketClientsCountWithTcpClients() throws IOException {
            for (ServerProcess server : List.of(reference, sut)) {
                try (RawClient tcp = new RawClient(server.port())) {
                    tcp.readInfo();
                    tcp.send(C).sync(0);
                    Transcript refused = exchange(server, frames(0x82, C + "PING\r\n"), 0);
                    assertThat(refused.data()).as("%s", server.log()).isEqualTo("-ERR 'maximum connections exceeded'\r\n");
                    assertThat(refused.controls()).containsExactly("CLOSE 1008 Maximum Connections Exceeded");
                }
            }
        }
    }

    private static byte[] frames(int firstByte, String payload) {
        return RawWebSocket.frame(firstByte, payload);
    }

    private static byte[] cat(byte[]... frames) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] frame : frames) {
            all.writeBytes(frame);
        }
        return all.toByteArray();
    }
}
