package io.switchboard.it;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static io.switchboard.it.LinkChecks.SETTLE;
import static io.switchboard.it.LinkChecks.WAIT;
import static io.switchboard.it.LinkChecks.bytes;
import static io.switchboard.it.LinkChecks.freePort;
import static io.switchboard.it.LinkChecks.respond;
import static io.switchboard.it.LinkChecks.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Account imports between servers, with a Switchboard server and a nats-server 2.9 side by side:
 * the exporter's publisher or responder on one, the importer's subscriber or requester on the
 * other, both ways, over a route and over a gateway.
 */
class ClusterImportsIT {

    private static final String ACCOUNTS = """
            accounts {
              A: {
                users: [ {user: a, password: a} ]
                exports: [ {stream: "news.>"}, {service: "help.>"} ]
              }
              B: {
                users: [ {user: b, password: b} ]
                imports: [
                  {stream: {account: A, subject: "news.>"}, prefix: "from_a"}
                  {service: {account: A, subject: "help.desk"}, to: "ask"}
                ]
              }
            }
            """;

    private final List<ServerProcess> servers = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (ServerProcess server : servers) {
            server.close();
        }
    }

    @Test
    void streamsAndServicesAreImportedAcrossARoute() throws Exception {
        int sbRoutes = freePort();
        int nsRoutes = freePort();
        String cluster = "cluster { name: imports, listen: 127.0.0.1:%d, routes: [ \"nats://127.0.0.1:%d\" ] }\n";
        ServerProcess switchboard = start(ServerProcess.start("-c",
                ServerProcess.configFile(ACCOUNTS + cluster.formatted(sbRoutes, nsRoutes)).toString(), "-n", "sb"));
        ServerProcess nats = start(ServerProcess.startNatsServer("-c",
                ServerProcess.configFile(ACCOUNTS + cluster.formatted(nsRoutes, sbRoutes)).toString(), "-n", "ns"));
        assertImportsBothWays(switchboard, nats);
    }

    @Test
    void streamsAndServicesAreImportedAcrossAGateway() throws Exception {
        int sbGateway = freePort();
        int nsGateway = freePort();
        String gateway = """
                gateway {
                  name: %s
                  listen: 127.0.0.1:%d
                  gateways: [ { name: %s, url: "nats://127.0.0.1:%d" } ]
                }
                """;
        ServerProcess switchboard = start(ServerProcess.start("-c", ServerProcess.configFile(
                ACCOUNTS + gateway.formatted("east", sbGateway, "west", nsGateway)).toString(), "-n", "sb"));
        ServerProcess nats = start(ServerProcess.startNatsServer("-c", ServerProcess.configFile(
                ACCOUNTS + gateway.formatted("west", nsGateway, "east", sbGateway)).toString(), "-n", "ns"));
        assertImportsBothWays(switchboard, nats);
    }

    private static void assertImportsBothWays(ServerProcess switchboard, ServerProcess nats) throws Exception {
        assertImported(switchboard, nats, "exported by Switchboard");
        assertImported(nats, switchboard, "exported by nats-server");
    }

    /** A stream published and a service answered in A on {@code exporting}, taken in B on {@code importing}. */
    /** A stream published and a service answered in A on {@code exporting}, taken in B on {@code importing}. */
    private static void assertImported(ServerProcess exporting, ServerProcess importing, String label) throws Exception {
        try (Connection exporter = connect(exporting, "a"); Connection importer = connect(importing, "b")) {
            Subscription news = importer.subscribe("from_a.news.>");
            importer.flush(WAIT);
            AtomicReference<Message> received = new AtomicReference<>();
            await().atMost(SETTLE).until(() -> {
                exporter.publish("news.today", bytes(label));
                exporter.flush(WAIT);
                received.set(news.nextMessage(Duration.ofMillis(300)));
                return received.get() != null;
            });
            assertThat(received.get().getSubject()).isEqualTo("from_a.news.today");
            assertThat(text(received.get())).isEqualTo(label);

            respond(exporter, "help.desk", "answered " + label);
            exporter.flush(WAIT);
            AtomicReference<Message> answer = new AtomicReference<>();
            await().atMost(SETTLE).until(() -> {
                answer.set(ask(importer));
                return answer.get() != null;
            });
            assertThat(text(answer.get())).isEqualTo("answered " + label + ": question");
            assertThat(answer.get().getSubject()).as("the requester's own inbox").startsWith("_INBOX.");
            assertThat(text(importer.request("ask", bytes("again"), WAIT))).as("a second request")
                    .isEqualTo("answered " + label + ": again");
        }
    }

    private static Message ask(Connection importer) {
        try {
            return importer.request("ask", bytes("question"), Duration.ofMillis(500));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Connection connect(ServerProcess server, String user) throws Exception {
        return Nats.connect(new Options.Builder().server(server.url()).userInfo(user, user)
                .maxReconnects(0).connectionTimeout(WAIT).build());
    }

    private ServerProcess start(ServerProcess server) {
        servers.add(server);
        return server;
    }
}
