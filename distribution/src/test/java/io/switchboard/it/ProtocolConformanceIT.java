package io.switchboard.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The client protocol, byte for byte: each script goes to Debian's nats-server and to
 * Switchboard over raw sockets, and both must answer the same bytes, close (or not) alike and
 * log the same lines about the connection with {@code -DV} (debug and protocol trace).
 */
class ProtocolConformanceIT {

    private static final String C = "CONNECT {\"verbose\":false,\"pedantic\":false}\r\n";
    private static final String CH = "CONNECT {\"verbose\":false,\"pedantic\":false,\"headers\":true}\r\n";
    private static final Pattern INFO = Pattern.compile("^INFO \\{.*} \\r\\n$");

    private static final Pattern CLIENT_ID = Pattern.compile("\"client_id\":(\\d+)");

    /** One script run on one server: what came back, whether the server hung up, what it logged. */
    record Transcript(String received, boolean closed, List<String> log) {
        @Override
        public String toString() {
            return (closed ? "[closed] " : "[open] ") + received.replace("\r\n", "\\r\\n\n")
                    + "\n" + String.join("\n", log);
        }
    }

    static Transcript run(ServerProcess server, String script) throws IOException {
        String received;
        boolean closed;
        long cid;
        try (RawClient client = new RawClient(server.port())) {
            String info = client.readInfo();
            Matcher id = CLIENT_ID.matcher(info);
            assertThat(id.find()).as(info).isTrue();
            cid = Long.parseLong(id.group(1));
            client.send(script);
            received = client.sync(pingsIn(script));
            closed = client.closedByServer();
        }
        return new Transcript(received, closed, server.connectionLog(cid));
    }

    /** PINGs the script sends itself: a line starting with PING, in any case. */
    private static int pingsIn(String script) {
        return (int) Pattern.compile("(?im)^ping").matcher(script).results().count();
    }

    static Stream<Arguments> scripts() {
        return Stream.of(
                arguments("ping", C + "PING\r\n"),
                arguments("verbose by default", "CONNECT {}\r\n"),
                arguments("verbose acks", "CONNECT {\"verbose\":true}\r\nSUB foo 1\r\nPUB foo 2\r\nhi\r\nUNSUB 1\r\n"),
                arguments("case and blanks", C + "sub\tfoo  1\r\npub foo\t2\r\nhi\r\nPuB  foo 1 \r\na\r\n"),
                arguments("bare LF line ends", C + "SUB foo 1\nPUB foo 1\na\r\n"),
                arguments("unknown verb", C + "FOO\r\n"),
                arguments("garbage bytes", C + "\u0001\u0002\u00ff\r\n"),
                arguments("payload longer than declared", C + "PUB foo 2\r\nhello\r\n"),
                arguments("payload over max_payload", C + "PUB foo 2000000\r\n"),
                arguments("pub missing size", C + "PUB foo\r\n"),
                arguments("pub too many args", C + "PUB foo bar baz 2\r\nhi\r\n"),
                arguments("pub bad size", C + "PUB foo abc\r\n"),
                arguments("pub negative size", C + "PUB foo -1\r\n"),
                arguments("sub missing sid", C + "SUB foo\r\n"),
                arguments("sub invalid subject", C + "SUB foo..bar 1\r\nSUB .foo 2\r\nSUB foo.> 3\r\n"),
                arguments("pedantic publish to wildcard", "CONNECT {\"verbose\":false,\"pedantic\":true}\r\nPUB foo.* 2\r\nhi\r\n"),
                arguments("unsub bad max", C + "UNSUB 1 x\r\n"),
                arguments("unsub unknown sid", "CONNECT {\"verbose\":true}\r\nUNSUB 99\r\n"),
                arguments("auto unsubscribe", C + "SUB foo 1\r\nUNSUB 1 2\r\nPUB foo 1\r\na\r\nPUB foo 1\r\nb\r\nPUB foo 1\r\nc\r\n"),
                arguments("queue group", C + "SUB foo q 1\r\nPUB foo 1\r\na\r\n"),
                arguments("reply subject", C + "SUB foo 1\r\nPUB foo bar 1\r\na\r\n"),
                arguments("wildcards", C + "SUB a.* 1\r\nSUB a.> 2\r\nSUB a.b 3\r\nPUB a.b 1\r\nx\r\nPUB a.b.c 1\r\ny\r\n"),
                arguments("headers", CH + "SUB foo 1\r\nHPUB foo 12 14\r\nNATS/1.0\r\n\r\nhi\r\n"),
                arguments("headers with reply", CH + "SUB foo 1\r\nHPUB foo r 12 12\r\nNATS/1.0\r\n\r\n\r\n"),
                arguments("header size over total", CH + "HPUB foo 14 12\r\n"),
                arguments("no responders", "CONNECT {\"verbose\":false,\"pedantic\":false,\"headers\":true,\"no_responders\":true}\r\n"
                        + "SUB reply 1\r\nPUB nobody reply 0\r\n\r\n"),
                arguments("echo off", "CONNECT {\"verbose\":false,\"echo\":false}\r\nSUB foo 1\r\nPUB foo 1\r\na\r\n"),
                arguments("overlong control line", C + "SUB " + "a".repeat(5000) + " 1\r\n"),
                arguments("invalid connect json", "CONNECT {bad}\r\n"),
                arguments("client -ERR", C + "-ERR 'oops'\r\n"),
                arguments("client +OK", C + "+OK\r\n"),
                arguments("ping with trailing text", C + "PING foo\r\n"),
                arguments("client MSG", C + "MSG foo 1 1\r\na\r\n"),
                arguments("client INFO", C + "INFO {}\r\n"),
                arguments("connect twice", C + "CONNECT {\"verbose\":true}\r\nPING\r\n"));
    }

    /** Debian's nats-server and Switchboard started with the same flags, fed the same scripts. */
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract class ServerPair {

        private final String[] flags;
        private SideBySide servers;

        ServerPair(String... flags) {
            this.flags = flags;
        }

        abstract Stream<Arguments> scripts();

        @BeforeAll
        void start() throws IOException {
            List<String> traced = new ArrayList<>(List.of(flags));
            traced.add("-DV");
            servers = SideBySide.start(traced.toArray(String[]::new));
        }

        @AfterAll
        void stop() throws InterruptedException {
            servers.close();
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("scripts")
        void answersLikeNatsServer(String name, String script) throws IOException {
            Transcript expected = run(servers.reference(), script);
            assertThat(run(servers.sut(), script)).as(name).isEqualTo(expected);
        }

        @Test
        void infoHasNatsServersFieldsInItsOrder() throws IOException {
            assertThat(infoKeys(servers.sut())).isEqualTo(infoKeys(servers.reference()));
        }
    }

    @Nested
    class WithoutAuth extends ServerPair {

        @Override
        Stream<Arguments> scripts() {
            return ProtocolConformanceIT.scripts();
        }
    }

    @Nested
    class WithUserAndPassword extends ServerPair {

        WithUserAndPassword() {
            super("--user", "alice", "--pass", "s3cret");
        }

        @Override
        Stream<Arguments> scripts() {
            return Stream.of(
                    arguments("ping before connect", "PING\r\n"),
                    arguments("sub before connect", "SUB foo 1\r\n"),
                    arguments("wrong password", "CONNECT {\"verbose\":false,\"user\":\"alice\",\"pass\":\"nope\"}\r\n"),
                    arguments("no credentials", "CONNECT {\"verbose\":false}\r\n"),
                    arguments("right password", "CONNECT {\"verbose\":false,\"user\":\"alice\",\"pass\":\"s3cret\"}\r\nSUB a 1\r\nPUB a 1\r\nx\r\n"));
        }
    }

    @Nested
    class WithPermissions extends ServerPair {

        WithPermissions() throws IOException {
            super("-c", configFile("""
                    authorization {
                      users: [
                        {user: alice, password: a, permissions: {
                          publish: {allow: ["a.>", "_INBOX.>"], deny: "a.secret"}
                          subscribe: {allow: ["a.>", "q.>"], deny: "a.hidden"}
                        }}
                        {user: bob, password: b, permissions: {allow_responses: true, subscribe: "svc"}}
                      ]
                    }
                    """));
        }

        @Override
        Stream<Arguments> scripts() {
            String alice = "CONNECT {\"verbose\":false,\"user\":\"alice\",\"pass\":\"a\"}\r\n";
            String bob = "CONNECT {\"verbose\":true,\"user\":\"bob\",\"pass\":\"b\"}\r\n";
            return Stream.of(
                    arguments("publish allowed", alice + "SUB a.x 1\r\nPUB a.x 1\r\nx\r\n"),
                    arguments("publish denied stays open",
                            alice + "SUB a.x 1\r\nPUB b 1\r\nx\r\nPUB a.secret 1\r\ny\r\nPUB a.x 1\r\nz\r\n"),
                    arguments("subscribe denied", alice + "SUB b 1\r\nSUB b q 2\r\nSUB a.hidden 3\r\nSUB > 4\r\n"),
                    arguments("wildcard over a denied subject",
                            alice + "SUB a.* 1\r\nPUB a.hidden 1\r\nx\r\nPUB a.shown 1\r\ny\r\n"),
                    arguments("responses only", bob + "SUB svc 1\r\nPUB svc 1\r\nx\r\nPUB other 1\r\ny\r\n"));
        }
    }

    private static String configFile(String text) throws IOException {
        Path file = Files.createTempFile("conformance", ".conf");
        file.toFile().deleteOnExit();
        Files.writeString(file, text);
        return file.toString();
    }

    private static List<String> infoKeys(ServerProcess server) throws IOException {
        try (RawClient client = new RawClient(server.port())) {
            String info = client.readInfo();
            assertThat(INFO.matcher(info).find()).as(info).isTrue();
            List<String> keys = new ArrayList<>();
            Matcher key = Pattern.compile("\"([a-z_]+)\":").matcher(info);
            while (key.find()) {
                if (!List.of("go", "git_commit").contains(key.group(1))) {
                    keys.add(key.group(1));
                }
            }
            return keys;
        }
    }
}
