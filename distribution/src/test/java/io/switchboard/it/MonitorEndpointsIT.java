package io.switchboard.it;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import io.nats.client.support.JsonParser;
import io.nats.client.support.JsonValue;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.switchboard.it.LinkChecks.SETTLE;
import static io.switchboard.it.LinkChecks.freePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every monitoring endpoint of nats-server 2.9.10 side by side with Switchboard's: the same
 * traffic on both, then the same requests, and every field nats-server answers (at any depth) must
 * be in Switchboard's answer with the same JSON type. Refused options must be refused alike.
 */
class MonitorEndpointsIT {

    /** Both servers without a system account, so the account lists and subscription counts compare. */
    private static final String NO_SYSTEM_ACCOUNT = "no_system_account: true\n";

    private static final List<String> CLIENT_PATHS = List.of("/varz", "/varz?callback=cb", "/connz",
            "/connz?subs=1", "/connz?subs=detail", "/connz?auth=1", "/connz?state=closed", "/connz?state=any",
            "/connz?state=closed&sort=stop", "/connz?state=closed&sort=reason", "/connz?sort=start",
            "/connz?sort=subs", "/connz?sort=pending", "/connz?sort=msgs_to", "/connz?sort=msgs_from",
            "/connz?sort=bytes_to", "/connz?sort=bytes_from", "/connz?sort=last", "/connz?sort=idle",
            "/connz?sort=uptime", "/connz?limit=1&offset=1", "/connz?acc=$G&auth=1", "/connz?user=nobody",
            "/subsz", "/subsz?subs=1", "/subsz?subs=1&test=monitor.a", "/subsz?subs=1&offset=1&limit=1",
            "/subscriptionsz", "/routez", "/routez?subs=1", "/gatewayz", "/gatewayz?accs=1", "/leafz",
            "/leafz?subs=1", "/accountz", "/accountz?acc=$G", "/accstatz", "/accstatz?unused=1", "/healthz",
            "/healthz?callback=cb");

    private static final List<String> REFUSED = List.of("/connz?sort=nonsense", "/connz?sort=stop",
            "/connz?sort=reason&state=open", "/connz?subs=maybe", "/connz?auth=2", "/connz?offset=x",
            "/connz?limit=1.5", "/connz?cid=-1", "/connz?state=gone", "/subsz?test=foo.*", "/subsz?subs=x",
            "/routez?subs=x", "/gatewayz?accs=x", "/leafz?subs=x", "/accountz?acc=nobody", "/accstatz?unused=x",
            "/healthz?js-enabled-only=x");

    @Test
    void clientEndpointsHaveEveryFieldOfNatsServersWithItsType() throws Exception {
        String config = ServerProcess.configFile(NO_SYSTEM_ACCOUNT).toString();
        try (SideBySide servers = SideBySide.start("-c", config, "-m", "-1")) {
            List<String> problems = new ArrayList<>();
            int compared = 0;
            try (Connection theirs = trafficOn(servers.reference()); Connection ours = trafficOn(servers.sut())) {
                MonitorClient reference = new MonitorClient(servers.reference().monitorPort());
                MonitorClient sut = new MonitorClient(servers.sut().monitorPort());
                for (List<String> pair : pairs(CLIENT_PATHS, reference, sut)) {
                    compared += compare(pair, reference, sut, problems);
                }
                for (String path : REFUSED) {
                    HttpResponse<String> expected = reference.get(path);
                    HttpResponse<String> actual = sut.get(path);
                    assertThat(actual.statusCode()).as(path).isEqualTo(expected.statusCode()).isEqualTo(400);
                    assertThat(actual.body()).as(path).isEqualTo(expected.body());
                }
            }
            assertThat(problems).isEmpty();
            assertThat(compared).as("fields compared").isGreaterThan(300);
        }
    }

    @Test
    void routezAndTheClusterBlockOfARouteBetweenTheTwo() throws Exception {
        int natsRoutes = freePort();
        String cluster = "cluster { name: mixed, listen: 127.0.0.1:%d, routes: [\"nats://127.0.0.1:%d\"] }\n";
        try (ServerProcess nats = ServerProcess.startNatsServer("-c", ServerProcess.configFile(NO_SYSTEM_ACCOUNT
                + cluster.formatted(natsRoutes, freePort())).toString(), "-m", "-1");
             ServerProcess switchboard = ServerProcess.start("-c", ServerProcess.configFile(NO_SYSTEM_ACCOUNT
                     + cluster.formatted(freePort(), natsRoutes)).toString(), "-m", "-1");
             Connection theirs = subscriberOn(nats, "theirs"); Connection ours = subscriberOn(switchboard, "ours")) {
            MonitorClient reference = new MonitorClient(nats.monitorPort());
            MonitorClient sut = new MonitorClient(switchboard.monitorPort());
            await().atMost(SETTLE).until(() -> routes(reference) == 1 && routes(sut) == 1
                    && sut.json("/routez?subs=1").map.get("routes").array.get(0).map.containsKey("subscriptions_list")
                    && reference.json("/routez?subs=1").map.get("routes").array.get(0).map
                    .containsKey("subscriptions_list"));
            List<String> problems = new ArrayList<>();
            for (String path : List.of("/routez", "/routez?subs=1", "/routez?subs=detail", "/varz")) {
                compare(path, reference, sut, problems);
            }
            assertThat(problems).isEmpty();
            JsonValue route = sut.json("/routez").map.get("routes").array.get(0);
            assertThat(route.map.get("remote_id").string).isEqualTo(reference.json("/varz").map.get("server_id").string);
            assertThat(sut.json("/varz").map.get("cluster").map.get("name").string).isEqualTo("mixed");
        }
    }

    @Test
    void gatewayzOfAGatewayBetweenTheTwo() throws Exception {
        int natsGateway = freePort();
        int ourGateway = freePort();
        String gateway = "gateway { name: %s, listen: 127.0.0.1:%d, gateways: [{name: %s, url: \"nats://127.0.0.1:%d\"}] }\n";
        try (ServerProcess nats = ServerProcess.startNatsServer("-c", ServerProcess.configFile(NO_SYSTEM_ACCOUNT
                + gateway.formatted("east", natsGateway, "west", ourGateway)).toString(), "-m", "-1");
             ServerProcess switchboard = ServerProcess.start("-c", ServerProcess.configFile(NO_SYSTEM_ACCOUNT
                     + gateway.formatted("west", ourGateway, "east", natsGateway)).toString(), "-m", "-1")) {
            MonitorClient reference = new MonitorClient(nats.monitorPort());
            MonitorClient sut = new MonitorClient(switchboard.monitorPort());
            await().atMost(SETTLE).until(() -> gateways(reference) && gateways(sut));
            List<String> problems = new ArrayList<>();
            for (String path : List.of("/gatewayz", "/gatewayz?accs=1", "/gatewayz?gw_name=nowhere",
                    "/gatewayz?acc_name=$G", "/varz")) {
                compare(path, reference, sut, problems);
            }
            compare(List.of("/gatewayz?gw_name=west&accs=1", "/gatewayz?gw_name=east&accs=1"), reference, sut, problems);
            assertThat(problems).isEmpty();
            JsonValue ours = sut.json("/gatewayz");
            assertThat(ours.map.get("name").string).isEqualTo("west");
            assertThat(ours.map.get("outbound_gateways").map).containsOnlyKeys("east");
            assertThat(ours.map.get("inbound_gateways").map).containsOnlyKeys("east");
            assertThat(ours.map.get("outbound_gateways").map.get("east").map.get("configured").bool).isTrue();
        }
    }

    /**
     * One subscriber with a plain and a queue subscription that got ten messages of its own, and a
     * second client that came and went, so that the closed list has an entry.
     */
    private static Connection trafficOn(ServerProcess server) throws Exception {
        Connection client = Nats.connect(Options.builder().server(server.url()).connectionName("monitored").build());
        Subscription plain = client.subscribe("monitor.a");
        Subscription queue = client.subscribe("monitor.*", "workers");
        for (int i = 0; i < 10; i++) {
            client.publish("monitor.a", ("message " + i).getBytes(StandardCharsets.UTF_8));
        }
        for (int i = 0; i < 10; i++) {
            assertThat(plain.nextMessage(Duration.ofSeconds(5))).isNotNull();
            assertThat(queue.nextMessage(Duration.ofSeconds(5))).isNotNull();
        }
        try (Connection passing = Nats.connect(server.url())) {
            passing.publish("monitor.passing", new byte[3]);
            passing.flush(Duration.ofSeconds(5));
        }
        MonitorClient monitor = new MonitorClient(server.monitorPort());
        await().atMost(Duration.ofSeconds(10)).until(() ->
                monitor.json("/connz?state=closed").map.get("connections").array.size() == 1);
        return client;
    }

    private static Connection subscriberOn(ServerProcess server, String subject) throws Exception {
        Connection client = Nats.connect(server.url());
        client.subscribe(subject);
        client.subscribe(subject + ".*", "workers");
        client.flush(Duration.ofSeconds(5));
        return client;
    }

    /** Each path for both servers, and the cid requests with each server's own cids: the servers number clients apart. */
    private static List<List<String>> pairs(List<String> paths, MonitorClient reference, MonitorClient sut)
            throws Exception {
        List<List<String>> pairs = new ArrayList<>();
        paths.forEach(path -> pairs.add(List.of(path, path)));
        for (String state : List.of("open", "closed")) {
            String path = "/connz?state=" + state + "&cid=";
            pairs.add(List.of(path + cid(reference, state), path + cid(sut, state)));
        }
        return pairs;
    }

    private static String cid(MonitorClient monitor, String state) throws Exception {
        return monitor.json("/connz?state=" + state).map.get("connections").array.get(0).map.get("cid").toJson();
    }

    private static int compare(List<String> paths, MonitorClient reference, MonitorClient sut, List<String> problems)
            throws Exception {
        return compare(paths.get(0), paths.get(1), reference, sut, problems);
    }

    private static int compare(String path, MonitorClient reference, MonitorClient sut, List<String> problems)
            throws Exception {
        return compare(path, path, reference, sut, problems);
    }

    /** Compares one answer of each; returns how many of nats-server's fields were compared. */
    private static int compare(String theirPath, String ourPath, MonitorClient reference, MonitorClient sut,
                               List<String> problems) throws Exception {
        HttpResponse<String> expected = reference.get(theirPath);
        HttpResponse<String> actual = sut.get(ourPath);
        if (actual.statusCode() != expected.statusCode()) {
            problems.add(ourPath + ": status " + actual.statusCode() + " where nats-server answers " + expected.statusCode());
            return 0;
        }
        String type = expected.headers().firstValue("content-type").orElse("");
        if (!actual.headers().firstValue("content-type").orElse("").equals(type)) {
            problems.add(ourPath + ": content type " + actual.headers().firstValue("content-type") + ", not " + type);
        }
        JsonValue theirs = JsonParser.parse(unwrapped(theirPath, expected.body()));
        JsonValue ours = JsonParser.parse(unwrapped(ourPath, actual.body()));
        JsonShape.missing(theirs, ours).forEach(problem -> problems.add(ourPath + " " + problem));
        return JsonShape.fields(theirs).size();
    }

    /** The JSON of a JSONP answer: what is inside {@code cb(...)}. */
    private static String unwrapped(String path, String body) {
        if (!path.contains("callback=cb")) {
            return body;
        }
        assertThat(body).as(path).startsWith("cb(").endsWith(")");
        return body.substring(3, body.length() - 1);
    }

    private static int routes(MonitorClient monitor) throws Exception {
        return monitor.json("/routez").map.get("num_routes").i;
    }

    private static boolean gateways(MonitorClient monitor) throws Exception {
        JsonValue gatewayz = monitor.json("/gatewayz");
        return gatewayz.map.get("outbound_gateways").map.size() == 1 && gatewayz.map.get("inbound_gateways").map.size() == 1;
    }
}
