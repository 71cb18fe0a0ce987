package io.switchboard.it;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.NKey;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Authentication and authorization with nats.java, each test run against Debian's
 * nats-server and against Switchboard with the same configuration file: NKeys, bcrypt
 * passwords, accounts, permissions. Both must give the same outcome.
 */
class AuthIT {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nats-server", "switchboard"})
    void nkeyUsersSignTheNonce(String server) throws Exception {
        NKey alice = NKey.createUser(new SecureRandom());
        NKey stranger = NKey.createUser(new SecureRandom());
        try (ServerProcess broker = ServerProcess.startNamed(server, "authorization { users: [ {nkey: " + publicKey(alice) + "} ] }")) {
            try (Connection connection = Nats.connect(options(broker).authHandler(Nats.staticCredentials(null, alice.getSeed())).build())) {
                assertThat(connection.getServerInfo().getNonce()).isNotEmpty();
                roundTrip(connection, "nkey.ok");
            }
            assertThatThrownBy(() -> Nats.connect(options(broker).authHandler(Nats.staticCredentials(null, stranger.getSeed())).build()))
                    .hasMessageContaining("Authorization Violation");
            assertThatThrownBy(() -> Nats.connect(options(broker).build())).hasMessageContaining("Authorization Violation");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nats-server", "switchboard"})
    void bcryptPasswords(String server) throws Exception {
        String hash = OpenBSDBCrypt.generate("2a", "s3cret".toCharArray(), new SecureRandom().generateSeed(16), 8);
        try (ServerProcess broker = ServerProcess.startNamed(server, "authorization { users: [ {user: alice, password: \"" + hash + "\"} ] }")) {
            try (Connection connection = Nats.connect(options(broker).userInfo("alice", "s3cret").build())) {
                roundTrip(connection, "bcrypt.ok");
            }
            assertThatThrownBy(() -> Nats.connect(options(broker).userInfo("alice", "nope").build()))
                    .hasMessageContaining("Authorization Violation");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nats-server", "switchboard"})
    void accountsAreIsolated(String server) throws Exception {
        try (ServerProcess broker = ServerProcess.startNamed(server, """
                accounts {
                  A { users: [ {user: a1, password: a}, {user: a2, password: a} ] }
                  B { users: [ {user: b1, password: b} ] }
                }
                """)) {
            try (Connection a1 = connect(broker, "a1", "a"); Connection a2 = connect(broker, "a2", "a");
                 Connection b1 = connect(broker, "b1", "b")) {
                Subscription inA = a2.subscribe("shared");
                Subscription inB = b1.subscribe("shared");
                a2.flush(WAIT);
                b1.flush(WAIT);
                a1.publish("shared", bytes("for A"));
                a1.flush(WAIT);
                assertThat(text(inA.nextMessage(WAIT))).isEqualTo("for A");
                b1.publish("shared", bytes("for B"));
                assertThat(text(inB.nextMessage(WAIT))).as("B sees only B's message").isEqualTo("for B");
                assertThat(inA.getPendingMessageCount()).isZero();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nats-server", "switchboard"})
    void streamsAndServicesCrossAccountsThroughExportsAndImports(String server) throws Exception {
        try (ServerProcess broker = ServerProcess.startNamed(server, """
                accounts {
                  A: {
                    users: [ {user: a, password: a} ]
                    exports: [ {stream: "news.>"}, {service: "help.>", accounts: [B]} ]
                  }
                  B: {
                    users: [ {user: b, password: b} ]
                    imports: [
                      {stream: {account: A, subject: "news.>"}, prefix: "from_a"}
                      {service: {account: A, subject: "help.desk"}, to: "ask"}
                    ]
                  }
                  C: { users: [ {user: c, password: c} ] }
                }
                """)) {
            try (Connection a = connect(broker, "a", "a"); Connection b = connect(broker, "b", "b");
                 Connection c = connect(broker, "c", "c")) {
                Subscription imported = b.subscribe("from_a.news.>");
                Subscription notImported = c.subscribe(">");
                b.flush(WAIT);
                c.flush(WAIT);
                a.createDispatcher(m -> a.publish(m.getReplyTo(), bytes("A helps with " + text(m)))).subscribe("help.desk");
                a.flush(WAIT);

                a.publish("news.today", bytes("headline"));
                Message news = imported.nextMessage(WAIT);
                assertThat(news.getSubject()).isEqualTo("from_a.news.today");
                assertThat(text(news)).isEqualTo("headline");

                Message answer = b.request("ask", bytes("my question"), WAIT);
                assertThat(text(answer)).isEqualTo("A helps with my question");

                c.publish("fence", bytes("last"));
                assertThat(notImported.nextMessage(WAIT).getSubject()).as("C sees nothing of A").isEqualTo("fence");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nats-server", "switchboard"})
    void responsesOnlyServiceAnswersRequests(String server) throws Exception {
        try (ServerProcess broker = ServerProcess.startNamed(server, """
                authorization {
                  users: [
                    {user: client, password: c}
                    {user: service, password: s, permissions: {subscribe: "svc.>", allow_responses: true}}
                  ]
                }
                """)) {
            try (Connection client = connect(broker, "client", "c"); Connection service = connect(broker, "service", "s")) {
                service.createDispatcher(m -> service.publish(m.getReplyTo(), bytes("answer to " + text(m))))
                        .subscribe("svc.echo");
                service.flush(WAIT);
                Message reply = client.request("svc.echo", bytes("hello"), WAIT);
                assertThat(text(reply)).isEqualTo("answer to hello");
                Subscription unsolicited = client.subscribe("elsewhere");
                client.flush(WAIT);
                service.publish("elsewhere", bytes("not allowed"));
                service.publish("svc.done", bytes("also not allowed"));
                Message second = client.request("svc.echo", bytes("again"), WAIT);
                assertThat(text(second)).isEqualTo("answer to again");
                assertThat(unsolicited.getPendingMessageCount()).isZero();
            }
        }
    }

    private static Options.Builder options(ServerProcess broker) {
        return new Options.Builder().server(broker.url()).maxReconnects(0).connectionTimeout(WAIT);
    }

    private static Connection connect(ServerProcess broker, String user, String password) throws Exception {
        return Nats.connect(options(broker).userInfo(user, password).build());
    }

    private static void roundTrip(Connection connection, String subject) throws Exception {
        Subscription sub = connection.subscribe(subject);
        connection.flush(WAIT);
        connection.publish(subject, bytes("ping"));
        assertThat(text(sub.nextMessage(WAIT))).isEqualTo("ping");
    }

    private static String publicKey(NKey key) throws Exception {
        return new String(key.getPublicKey());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Message message) {
        assertThat(message).isNotNull();
        return new String(message.getData(), StandardCharsets.UTF_8);
    }
}
