package io.switchboard.it;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Subject mappings with nats.java, each test run against Debian's nats-server and against
 * Switchboard with the same configuration: both must deliver under the same subjects.
 */
class SubjectMappingIT {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private static final String MAPPINGS = """
            listen: 127.0.0.1:-1
            mappings {
              "orders.*.*": "shop.$2.$1"
              "p.*.*": "P.{{partition(10,1,2)}}.{{wildcard(1)}}.{{wildcard(2)}}"
              "s.*": "S.{{split(1,-)}}"
              "l.*": "L.{{SliceFromLeft(1,3)}}"
              "r.*": "R.{{sliceFromRight(1,3)}}"
              "fl.*": "FL.{{splitFromLeft(1,2)}}"
              "fr.*": "FR.{{SplitFromRight(1,2)}}"
              "all.>": "every.>"
              "fixed": "moved.here"
              "weighted": [ {destination: "w.a", weight: 30%}, {destination: "w.b", weight: 50} ]
              "lossy": [ {destination: "lossy", weight: 50%} ]
            }
            """;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nats-server", "switchboard"})
    void mappingFunctionsRewriteWhatClientsPublish(String server) throws Exception {
        try (ServerProcess broker = ServerProcess.startNamed(server, MAPPINGS);
             Connection connection = Nats.connect(options(broker))) {
            Subscription everything = connection.subscribe(">");
            connection.flush(WAIT);
            List<String> published = List.of("orders.eu.42", "p.a.b", "p.foo.bar", "s.-abc-def--ghi-", "l.1234567",
                    "r.1234567", "fl.abcde", "fr.abcde", "all.x.y", "fixed", "untouched.subject");
            for (String subject : published) {
                connection.publish(subject, null);
            }
            connection.flush(WAIT);
            List<String> received = new ArrayList<>();
            for (int i = 0; i < published.size(); i++) {
                Message message = everything.nextMessage(WAIT);
                assertThat(message).as("message %d of %s", i, received).isNotNull();
                received.add(message.getSubject());
            }
            assertThat(received).containsExactly("shop.42.eu", "P.6.a.b", "P.0.foo.bar", "S.abc.def.ghi",
                    "L.123.456.7", "R.1.234.567", "FL.ab.cde", "FR.abc.de", "every.x.y", "moved.here",
                    "untouched.subject");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nats-server", "switchboard"})
    void weightsSplitTheTraffic(String server) throws Exception {
        try (ServerProcess broker = ServerProcess.startNamed(server, MAPPINGS);
             Connection connection = Nats.connect(options(broker))) {
            Map<String, Integer> weighted = countWhile(connection, "weighted", "w.a", "w.b", "weighted");
            assertThat(weighted.get("w.a")).isBetween(200, 400);
            assertThat(weighted.get("w.b")).isBetween(380, 620);
            assertThat(weighted.get("weighted")).isBetween(100, 300);
            Map<String, Integer> lossy = countWhile(connection, "lossy", "lossy");
            assertThat(lossy.get("lossy")).isBetween(380, 620);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nats-server", "switchboard"})
    void aHubAsksItsLeafNodesForWhatItMaps(String server) throws Exception {
        String hubConfig = """
                listen: 127.0.0.1:-1
                mappings { "in.>": "mapped.>" }
                leafnodes { listen: 127.0.0.1:-1 }
                """;
        try (ServerProcess hub = ServerProcess.startNamed(server, hubConfig);
             ServerProcess leaf = ServerProcess.startNamed("nats-server", """
                     listen: 127.0.0.1:-1
                     leafnodes { remotes: [ { url: "nats-leaf://127.0.0.1:%d" } ] }
                     """.formatted(hub.leafPort()));
             Connection atHub = Nats.connect(options(hub));
             Connection atLeaf = Nats.connect(options(leaf))) {
            Subscription mapped = atHub.subscribe("mapped.>");
            atHub.flush(WAIT);
            AtomicReference<Message> received = new AtomicReference<>();
            await().atMost(LinkChecks.SETTLE).until(() -> {
                atLeaf.publish("in.leaf", null);
                atLeaf.flush(WAIT);
                received.set(mapped.nextMessage(Duration.ofMillis(300)));
                return received.get() != null;
            });
            assertThat(received.get().getSubject()).as("sent by the leaf, mapped at the hub").isEqualTo("mapped.leaf");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nats-server", "switchboard"})
    void accountMappingsApplyBeforePermissionsAndStayInTheirAccount(String server) throws Exception {
        String config = """
                listen: 127.0.0.1:-1
                accounts {
                  A: { users: [ {user: a, password: a, permissions: {publish: "mapped.>"}} ], mappings: { "in.*": "mapped.$1" } }
                  B: { users: [ {user: b, password: b} ] }
                }
                """;
        try (ServerProcess broker = ServerProcess.startNamed(server, config);
             Connection a = Nats.connect(options(broker, "a"));
             Connection b = Nats.connect(options(broker, "b"))) {
            Subscription inA = a.subscribe(">");
            Subscription inB = b.subscribe(">");
            a.flush(WAIT);
            b.flush(WAIT);
            b.publish("in.b", null);
            a.publish("in.x", null);
            a.flush(WAIT);
            b.flush(WAIT);
            assertThat(inA.nextMessage(WAIT).getSubject()).isEqualTo("mapped.x");
            assertThat(inB.nextMessage(WAIT).getSubject()).isEqualTo("in.b");
            assertThat(inA.nextMessage(Duration.ofMillis(200))).isNull();
        }
    }

    /** Publishes 1000 messages on {@code subject} and counts them by the subject they arrive on. */
    private static Map<String, Integer> countWhile(Connection connection, String subject, String... destinations)
            throws Exception {
        Map<String, Subscription> subscriptions = new HashMap<>();
        for (String destination : destinations) {
            subscriptions.put(destination, connection.subscribe(destination));
        }
        connection.flush(WAIT);
        for (int i = 0; i < 1000; i++) {
            connection.publish(subject, null);
        }
        connection.flush(WAIT);
        Map<String, Integer> counts = new HashMap<>();
        for (Map.Entry<String, Subscription> entry : subscriptions.entrySet()) {
            int count = 0;
            while (entry.getValue().nextMessage(Duration.ofMillis(300)) != null) {
                count++;
            }
            counts.put(entry.getKey(), count);
            entry.getValue().unsubscribe();
        }
        return counts;
    }

    private static Options options(ServerProcess broker) {
        return new Options.Builder().server(broker.url()).maxReconnects(0).connectionTimeout(WAIT).build();
    }

    private static Options options(ServerProcess broker, String user) {
        return new Options.Builder().server(broker.url()).userInfo(user, user).maxReconnects(0)
                .connectionTimeout(WAIT).build();
    }
}
