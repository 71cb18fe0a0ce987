package io.switchboard.it;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import io.nats.client.support.JsonParser;
import io.nats.client.support.JsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * nats.ws, the NATS client for browsers, on Node.js with the {@code ws} package as its
 * WebSocket (compression negotiated), against nats.java on TCP through one broker: messages with
 * headers both ways, a queue group across both, requests both ways. The test installs the npm
 * packages itself, from {@code src/test/node}'s lock file.
 */
class NodeWebSocketIT {

    private static final Path SOURCES = Path.of("src/test/node");
    private static final Path WORK = Path.of("target/node-websocket");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static ServerProcess broker;

    @BeforeAll
    static void installClientAndStartBroker() throws Exception {
        Files.createDirectories(WORK);
        for (String file : List.of("package.json", "package-lock.json", "bridge.mjs")) {
            Files.copy(SOURCES.resolve(file), WORK.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        Path log = WORK.resolve("npm-ci.log");
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
                .directory(WORK.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean done = npm.waitFor(5, TimeUnit.MINUTES);
        if (!done) {
            npm.destroyForcibly();
        }
        assertThat(done && npm.exitValue() == 0).as("npm ci: %s", Files.readString(log)).isTrue();
        broker = ServerProcess.start("-c", ServerProcess.configFile(
                "websocket { listen: \"127.0.0.1:-1\", no_tls: true, compression: true }").toString());
    }

    @AfterAll
    static void stopBroker() throws InterruptedException {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void natsWsOnNodeTalksToNatsJavaOnTcp() throws Exception {
        try (Connection tcp = Nats.connect(broker.url())) {
            Subscription ready = tcp.subscribe("node.ready");
            Subscription report = tcp.subscribe("node.report");
            Subscription fromNode = tcp.subscribe("node.out");
            AtomicInteger javaQueueCount = new AtomicInteger();
            Dispatcher dispatcher = tcp.createDispatcher(m -> {
                if (m.getSubject().equals("node.q")) {
                    javaQueueCount.incrementAndGet();
                } else {
                    String asker = m.getHeaders() == null ? "nobody" : m.getHeaders().getFirst("Asked-By");
                    tcp.publish(NatsMessage.builder().subject(m.getReplyTo())
                            .headers(new Headers().put("Answered-By", "java"))
                            .data(bytes("java: " + text(m) + " from " + asker)).build());
                }
            });
            dispatcher.subscribe("node.q", "workers");
            dispatcher.subscribe("java.svc");
            tcp.flush(WAIT);

            Path output = WORK.resolve("bridge.log");
            Process node = new ProcessBuilder("node", "bridge.mjs", "ws://127.0.0.1:" + broker.websocketPort())
                    .directory(WORK.toFile()).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            try {
                assertThat(ready.nextMessage(WAIT)).as("node ready: %s", output).isNotNull();
                for (int i = 0; i < 10; i++) {
                    tcp.publish(NatsMessage.builder().subject("node.in").headers(new Headers().put("From", "java"))
                            .data(bytes("from java " + i)).build());
                }
                for (int i = 0; i < 100; i++) {
                    tcp.publish("node.q", bytes("job " + i));
                }
                tcp.publish("node.fence", new byte[0]);

                Message answer = tcp.request("node.svc", bytes("ping"), WAIT);
                assertThat(text(answer)).isEqualTo("node: ping");
                assertThat(answer.getHeaders().getFirst("Answered-By")).isEqualTo("node");

                for (int i = 0; i < 10; i++) {
                    Message m = fromNode.nextMessage(WAIT);
                    assertThat(m).as("node.out %d", i).isNotNull();
                    assertThat(text(m)).isEqualTo("from node " + i);
                    assertThat(m.getHeaders().getFirst("From")).isEqualTo("node");
                }

                Message reportMessage = report.nextMessage(WAIT);
                assertThat(reportMessage).as("report: %s", output).isNotNull();
                JsonValue result = JsonParser.parse(reportMessage.getData());
                List<JsonValue> received = result.map.get("received").array;
                assertThat(received).hasSize(10);
                for (int i = 0; i < 10; i++) {
                    assertThat(received.get(i).map.get("data").string).isEqualTo("from java " + i);
                    assertThat(received.get(i).map.get("from").string).isEqualTo("java");
                }
                int nodeQueueCount = result.map.get("queueCount").i;
                assertThat(nodeQueueCount + javaQueueCount.get()).isEqualTo(100);
                assertThat(result.map.get("reply").string).isEqualTo("java: hello from node");
                assertThat(result.map.get("replyHeader").string).isEqualTo("java");

                assertThat(node.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("node exits").isTrue();
                assertThat(node.exitValue()).as(Files.readString(output)).isZero();
            } finally {
                node.destroyForcibly();
            }
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Message m) {
        return new String(m.getData(), StandardCharsets.UTF_8);
    }
}
