package io.switchboard.it;

import com.sun.net.httpserver.HttpServer;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.NKey;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import io.nats.client.support.JsonParser;
import io.nats.client.support.JwtUtils;
import io.nats.client.support.JwtUtils.UserClaim;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static io.switchboard.it.LinkChecks.SETTLE;
import static io.switchboard.it.LinkChecks.WAIT;
import static io.switchboard.it.LinkChecks.freePort;
import static io.switchboard.it.TrustChain.pub;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Full resolvers in a mixed cluster of nats-server 2.9.10 and Switchboard: an account JWT pushed to
 * one server with a claims update request is stored by every server, in nats-server's file layout,
 * and its users are admitted everywhere; a user it revokes is closed at once on every server. A URL
 * resolver fetches accounts from an HTTP server beside nats-server's.
 */
class ResolverIT {

    private final SecureRandom random = new SecureRandom();
    private final NKey operator = NKey.createOperator(random);
    private final NKey system = NKey.createAccount(random);
    private final NKey systemUser = NKey.createUser(random);
    private final long now = JwtUtils.currentTimeSeconds();

    @TempDir
    Path dir;

    ResolverIT() throws Exception {
    }

    @Test
    void anAccountPushedToOneServerIsStoredAndAdmittedByEvery() throws Exception {
        int natsRoutes = freePort();
        try (ServerProcess nats = ServerProcess.startNatsServer("-c", config("nats", natsRoutes, freePort()));
             ServerProcess switchboard = ServerProcess.start("-c", config("switchboard", freePort(), natsRoutes));
             Connection onSwitchboard = connect(switchboard, system, systemUser);
             Connection onNats = connect(nats, system, systemUser)) {
            await().atMost(SETTLE).until(() -> pingAnswers(onSwitchboard) == 2);

            NKey first = NKey.createAccount(random);
            Message updated = onSwitchboard.request("$SYS.REQ.CLAIMS.UPDATE", accountJwt(first), WAIT);
            assertThat(JsonParser.parse(new String(updated.getData(), StandardCharsets.UTF_8)).map.get("data")
                    .map.get("message").string).isEqualTo("jwt updated");
            NKey second = NKey.createAccount(random);
            onNats.request("$SYS.REQ.ACCOUNT." + pub(second) + ".CLAIMS.UPDATE", accountJwt(second), WAIT);

            for (NKey account : new NKey[] {first, second}) {
                for (ServerProcess server : new ServerProcess[] {nats, switchboard}) {
                    await().atMost(WAIT).ignoreExceptions().until(() -> {
                        try (Connection user = connect(server, account, NKey.createUser(random))) {
                            return user.getStatus() == Connection.Status.CONNECTED;
                        }
                    });
                }
                assertThat(dir.resolve("switchboard").resolve(pub(account) + ".jwt")).exists();
                assertThat(Files.readString(dir.resolve("switchboard").resolve(pub(account) + ".jwt")))
                        .isEqualTo(Files.readString(dir.resolve("nats").resolve(pub(account) + ".jwt")).trim());
            }
            NKey revoked = NKey.createUser(random);
            String revoking = TrustChain.accountJwt(operator, first, now + 1, TrustChain.NO_LIMITS
                    + ",\"revocations\":{\"" + pub(revoked) + "\":" + (now + 1) + "}");
            try (Connection theirs = connect(nats, first, revoked); Connection ours = connect(switchboard, first, revoked)) {
                onSwitchboard.request("$SYS.REQ.CLAIMS.UPDATE", revoking.getBytes(StandardCharsets.UTF_8), WAIT);
                await().atMost(WAIT).until(() -> theirs.getStatus() == Connection.Status.CLOSED
                        && ours.getStatus() == Connection.Status.CLOSED);
            }
            Message list = onSwitchboard.request("$SYS.REQ.CLAIMS.LIST", new byte[0], WAIT);
            assertThat(new String(list.getData(), StandardCharsets.UTF_8)).contains(pub(first), pub(second), pub(system));
            Message lookup = onSwitchboard.request("$SYS.REQ.ACCOUNT." + pub(first) + ".CLAIMS.LOOKUP", new byte[0], WAIT);
            assertThat(new String(lookup.getData(), StandardCharsets.UTF_8)).isEqualTo(revoking);
        }
    }

    @Test
    void aUrlResolverFetchesAccountsOverHttpKeepsThemAndRefusesTheUnknown() throws Exception {
        Map<String, String> served = new ConcurrentHashMap<>();
        NKey known = NKey.createAccount(random);
        served.put(pub(system), new String(accountJwt(system), StandardCharsets.UTF_8));
        served.put(pub(known), new String(accountJwt(known), StandardCharsets.UTF_8));
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/jwt/v1/accounts/", exchange -> {
            String account = exchange.getRequestURI().getPath().substring("/jwt/v1/accounts/".length());
            String jwt = account.isEmpty() ? "" : served.get(account);
            byte[] body = (jwt == null ? "not found" : jwt).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(jwt == null ? 404 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        http.start();
        String trust = """
                operator: %s
                system_account: %s
                resolver: URL("http://127.0.0.1:%d/jwt/v1/accounts/")
                """.formatted(TrustChain.operatorJwt(operator, now), pub(system), http.getAddress().getPort());
        try (SideBySide servers = SideBySide.start("-c", ServerProcess.configFile(trust).toString())) {
            for (ServerProcess server : new ServerProcess[] {servers.reference(), servers.sut()}) {
                try (Connection user = connect(server, known, NKey.createUser(random))) {
                    assertThat(user.getStatus()).isEqualTo(Connection.Status.CONNECTED);
                }
                assertThatThrownBy(() -> connect(server, NKey.createAccount(random), NKey.createUser(random)).close())
                        .hasMessageContaining("Authorization Violation");
            }
            served.remove(pub(known));
            for (ServerProcess server : new ServerProcess[] {servers.reference(), servers.sut()}) {
                try (Connection user = connect(server, known, NKey.createUser(random))) {
                    assertThat(user.getStatus()).isEqualTo(Connection.Status.CONNECTED);
                }
            }
        } finally {
            http.stop(0);
        }
    }

    private byte[] accountJwt(NKey account) throws Exception {
        return TrustChain.accountJwt(operator, account, now, TrustChain.NO_LIMITS).getBytes(StandardCharsets.UTF_8);
    }

    private String config(String name, int listen, int route) throws Exception {
        String trust = """
                operator: %s
                system_account: %s
                resolver { type: full, dir: "%s" }
                resolver_preload { %s: %s }
                cluster { name: resolvers, listen: 127.0.0.1:%d, routes: ["nats://127.0.0.1:%d"] }
                """.formatted(TrustChain.operatorJwt(operator, now), pub(system), dir.resolve(name), pub(system),
                TrustChain.accountJwt(operator, system, now, TrustChain.NO_LIMITS), listen, route);
        return ServerProcess.configFile(trust).toString();
    }

    private static int pingAnswers(Connection connection) throws Exception {
        String inbox = connection.createInbox();
        Subscription replies = connection.subscribe(inbox);
        connection.publish("$SYS.REQ.SERVER.PING", inbox, new byte[0]);
        int answers = 0;
        while (replies.nextMessage(Duration.ofMillis(500)) != null) {
            answers++;
        }
        replies.unsubscribe();
        return answers;
    }

    private Connection connect(ServerProcess server, NKey account, NKey user) throws Exception {
        String jwt = JwtUtils.issueUserJWT(account, pub(user), null, null, now, new UserClaim(pub(account)));
        return Nats.connect(new Options.Builder().server(server.url()).maxReconnects(0).connectionTimeout(WAIT)
                .authHandler(Nats.staticCredentials(jwt.toCharArray(), user.getSeed())).build());
    }
}
