package io.switchboard.it;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import io.nats.client.support.JsonParser;
import io.nats.client.support.JsonValue;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static io.switchboard.it.LinkChecks.SETTLE;
import static io.switchboard.it.LinkChecks.WAIT;
import static io.switchboard.it.LinkChecks.freePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The system account side by side with nats-server 2.9.10: its requests answered with every field of
 * nats-server's answers, its events with every field of nats-server's events, and a mixed cluster
 * and supercluster whose every server answers a server ping.
 */
class SystemAccountIT {

    private static final String ACCOUNTS = """
            accounts {
              SYS { users [{user: sys, password: sys}] }
              A { users [{user: a, password: a}] }
            }
            system_account: SYS
            """;

    private static final List<String> REQUESTS = List.of("$SYS.REQ.SERVER.PING", "$SYS.REQ.SERVER.PING.STATSZ",
            "$SYS.REQ.SERVER.PING.VARZ", "$SYS.REQ.SERVER.PING.CONNZ", "$SYS.REQ.SERVER.PING.SUBSZ",
            "$SYS.REQ.SERVER.PING.ROUTEZ", "$SYS.REQ.SERVER.PING.GATEWAYZ", "$SYS.REQ.SERVER.PING.LEAFZ",
            "$SYS.REQ.SERVER.PING.ACCOUNTZ", "$SYS.REQ.SERVER.PING.HEALTHZ", "$SYS.REQ.ACCOUNT.A.CONNZ",
            "$SYS.REQ.ACCOUNT.A.SUBSZ", "$SYS.REQ.ACCOUNT.A.LEAFZ", "$SYS.REQ.ACCOUNT.A.INFO",
            "$SYS.REQ.ACCOUNT.A.CONNS", "$SYS.REQ.ACCOUNT.A.STATZ", "$SYS.REQ.ACCOUNT.PING.STATZ");

    /** What every other account imports from the system account. */
    private static final List<String> IMPORTED = List.of("$SYS.REQ.SERVER.PING.CONNZ", "$SYS.REQ.ACCOUNT.PING.CONNZ",
            "$SYS.REQ.ACCOUNT.PING.STATZ");

    @Test
    void requestsAnswerWithEveryFieldOfNatsServersAnswers() throws Exception {
        String config = ServerProcess.configFile(ACCOUNTS).toString();
        try (SideBySide servers = SideBySide.start("-c", config)) {
            List<String> problems = new ArrayList<>();
            int compared = 0;
            try (Connection theirs = connect(servers.reference(), "sys"); Connection ours = connect(servers.sut(), "sys");
                 Connection theirClient = connect(servers.reference(), "a"); Connection ourClient = connect(servers.sut(), "a")) {
                theirClient.subscribe("a.subject");
                ourClient.subscribe("a.subject");
                theirClient.flush(WAIT);
                ourClient.flush(WAIT);
                for (String subject : REQUESTS) {
                    JsonValue expected = request(theirs, subject, "");
                    JsonValue actual = request(ours, subject, "");
                    JsonShape.missing(expected, actual).forEach(problem -> problems.add(subject + " " + problem));
                    compared += JsonShape.fields(expected).size();
                }
                for (String subject : IMPORTED) {
                    JsonValue expected = request(theirClient, subject, "");
                    JsonValue actual = request(ourClient, subject, "");
                    JsonShape.missing(expected, actual).forEach(problem -> problems.add("A " + subject + " " + problem));
                    compared += JsonShape.fields(expected).size();
                }
                String direct = "$SYS.REQ.SERVER." + ours.getServerInfo().getServerId() + ".VARZ";
                assertThat(request(ours, direct, "").map.get("data").map.get("server_id").string)
                        .isEqualTo(ours.getServerInfo().getServerId());
                JsonValue detail = request(ours, "$SYS.REQ.SERVER.PING.CONNZ", "{\"subscriptions\":true,\"account\":\"A\"}");
                assertThat(detail.map.get("data").map.get("connections").array.get(0).map.get("subscriptions_list").toJson())
                        .contains("a.subject");
            }
            assertThat(problems).isEmpty();
            assertThat(compared).as("fields compared").isGreaterThan(300);
        }
    }

    @Test
    void connectionEventsHaveEveryFieldOfNatsServersEvents() throws Exception {
        String config = ServerProcess.configFile(ACCOUNTS).toString();
        try (SideBySide servers = SideBySide.start("-c", config)) {
            List<String> problems = new ArrayList<>();
            List<JsonValue> expected = events(servers.reference());
            List<JsonValue> actual = events(servers.sut());
            for (String type : List.of("client_connect", "client_disconnect", "account_connections")) {
                JsonValue theirs = ofType(expected, type);
                JsonValue ours = ofType(actual, type);
                // omitted while zero, as nats-server omits it: Switchboard times a client a moment after its CONNECT
                JsonShape.missing(theirs, ours).stream().filter(problem -> !problem.startsWith("client.rtt:"))
                        .forEach(problem -> problems.add(type + " " + problem));
            }
            assertThat(problems).isEmpty();
            JsonValue disconnect = ofType(actual, "client_disconnect");
            assertThat(disconnect.map.get("client").map.get("user").string).isEqualTo("a");
            assertThat(disconnect.map.get("reason").string).isEqualTo("Client Closed");
        }
    }

    @Test
    void everyServerOfAMixedClusterAnswersAServerPing() throws Exception {
        int natsRoutes = freePort();
        String cluster = ACCOUNTS + "cluster { name: mixed, listen: 127.0.0.1:%d, routes: [\"nats://127.0.0.1:%d\"] }\n";
        try (ServerProcess nats = ServerProcess.startNatsServer("-c",
                ServerProcess.configFile(cluster.formatted(natsRoutes, freePort())).toString());
             ServerProcess first = ServerProcess.start("-c",
                     ServerProcess.configFile(cluster.formatted(freePort(), natsRoutes)).toString());
             ServerProcess second = ServerProcess.start("-c",
                     ServerProcess.configFile(cluster.formatted(freePort(), natsRoutes)).toString());
             Connection onNats = connect(nats, "sys"); Connection onSwitchboard = connect(first, "sys");
             Connection onSecond = connect(second, "sys")) {
            Set<String> ids = Set.of(onNats.getServerInfo().getServerId(), onSwitchboard.getServerInfo().getServerId(),
                    onSecond.getServerInfo().getServerId());
            for (Connection pinger : List.of(onSwitchboard, onNats)) {
                await().atMost(SETTLE).untilAsserted(() -> assertThat(pingedServers(pinger)).isEqualTo(ids));
            }
        }
    }

    @Test
    void bothClustersOfAMixedSuperclusterAnswerAServerPing() throws Exception {
        int natsGateway = freePort();
        int ourGateway = freePort();
        String gateway = ACCOUNTS + """
                gateway { name: %s, listen: 127.0.0.1:%d, gateways: [
                  { name: east, url: "nats://127.0.0.1:%d" }, { name: west, url: "nats://127.0.0.1:%d" } ] }
                """;
        try (ServerProcess nats = ServerProcess.startNatsServer("-c",
                ServerProcess.configFile(gateway.formatted("east", natsGateway, natsGateway, ourGateway)).toString());
             ServerProcess switchboard = ServerProcess.start("-c",
                     ServerProcess.configFile(gateway.formatted("west", ourGateway, natsGateway, ourGateway)).toString());
             Connection onNats = connect(nats, "sys"); Connection onSwitchboard = connect(switchboard, "sys")) {
            Set<String> ids = Set.of(onNats.getServerInfo().getServerId(), onSwitchboard.getServerInfo().getServerId());
            for (Connection pinger : List.of(onSwitchboard, onNats)) {
                await().atMost(SETTLE).untilAsserted(() -> assertThat(pingedServers(pinger)).isEqualTo(ids));
            }
        }
    }

    /** The ids of the servers that answer one ping within a second. */
    private static Set<String> pingedServers(Connection connection) throws Exception {
        Set<String> answered = ConcurrentHashMap.newKeySet();
        String inbox = connection.createInbox();
        Subscription replies = connection.subscribe(inbox);
        connection.publish("$SYS.REQ.SERVER.PING", inbox, new byte[0]);
        Message reply;
        while ((reply = replies.nextMessage(Duration.ofSeconds(1))) != null) {
            JsonValue statsz = JsonParser.parse(new String(reply.getData(), StandardCharsets.UTF_8));
            assertThat(statsz.map.get("statsz").map.get("connections")).isNotNull();
            answered.add(statsz.map.get("server").map.get("id").string);
        }
        replies.unsubscribe();
        return answered;
    }

    /** The events of one client of account A connecting and closing, as a system user sees them. */
    private static List<JsonValue> events(ServerProcess server) throws Exception {
        List<JsonValue> events = new ArrayList<>();
        try (Connection system = connect(server, "sys")) {
            Subscription sub = system.subscribe("$SYS.ACCOUNT.A.>");
            system.flush(WAIT);
            connect(server, "a").close();
            await().atMost(WAIT).until(() -> {
                Message event = sub.nextMessage(Duration.ofMillis(100));
                if (event != null) {
                    events.add(JsonParser.parse(new String(event.getData(), StandardCharsets.UTF_8)));
                }
                return events.stream().filter(e -> e.map.get("type").string.endsWith("account_connections")).count() == 2
                        && events.stream().anyMatch(e -> e.map.get("type").string.endsWith("client_disconnect"));
            });
        }
        return events;
    }

    private static JsonValue ofType(List<JsonValue> events, String type) {
        return events.stream().filter(event -> event.map.get("type").string.endsWith("." + type)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " event in " + events));
    }

    private static JsonValue request(Connection connection, String subject, String body) throws Exception {
        Message reply = connection.request(subject, body.getBytes(StandardCharsets.UTF_8), WAIT);
        assertThat(reply).as(subject).isNotNull();
        return JsonParser.parse(new String(reply.getData(), StandardCharsets.UTF_8));
    }

    private static Connection connect(ServerProcess server, String user) throws Exception {
        return Nats.connect(new Options.Builder().server(server.url()).userInfo(user, user)
                .connectionTimeout(WAIT).build());
    }
}
