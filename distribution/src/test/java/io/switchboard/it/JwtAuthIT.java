package io.switchboard.it;

import io.nats.client.AuthHandler;
import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.Message;
import io.nats.client.NKey;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import io.nats.client.support.JwtUtils;
import io.nats.client.support.JwtUtils.Permission;
import io.nats.client.support.JwtUtils.UserClaim;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.switchboard.it.TrustChain.pub;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Decentralized auth with nats.java, each test run against Debian's nats-server and against
 * Switchboard with the same configuration file: a trusted operator, accounts preloaded into the
 * MEMORY resolver, users with creds files and static credentials, signing keys, expired and
 * revoked users, bearer tokens, and the permissions and limits their JWTs carry.
 */
class JwtAuthIT {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path tmp;

    private NKey operator;
    private NKey accountA;
    private NKey signerA;
    private NKey accountB;
    private NKey system;
    private NKey revoked;
    private long now;

    @BeforeEach
    void keys() throws Exception {
        operator = NKey.createOperator(RANDOM);
        accountA = NKey.createAccount(RANDOM);
        signerA = NKey.createAccount(RANDOM);
        accountB = NKey.createAccount(RANDOM);
        system = NKey.createAccount(RANDOM);
        revoked = NKey.createUser(RANDOM);
        now = JwtUtils.currentTimeSeconds();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nats-server", "switchboard"})
    void usersConnectWithCredsFilesAndStaticCredentials(String server) throws Exception {
        NKey alice = NKey.createUser(RANDOM);
        NKey bob = NKey.createUser(RANDOM);
        Path creds = tmp.resolve("alice.creds");
        Files.writeString(creds, String.format(JwtUtils.NATS_USER_JWT_FORMAT, user(accountA, accountA, alice, new UserClaim(pub(accountA))),
                new String(alice.getSeed())));
        String bobJwt = user(signerA, accountA, bob, new UserClaim(pub(accountA)));
        try (ServerProcess broker = ServerProcess.startNamed(server, config(false))) {
            try (Connection a = Nats.connect(options(broker).authHandler(Nats.credentials(creds.toString())).build());
                 Connection b = Nats.connect(options(broker).authHandler(Nats.staticCredentials(bobJwt.toCharArray(), bob.getSeed())).build())) {
                assertThat(a.getServerInfo().getNonce()).isNotEmpty();
                Subscription sub = b.subscribe("greetings");
                b.flush(WAIT);
                a.publish("greetings", bytes("hello from alice"));
                assertThat(text(sub.nextMessage(WAIT))).isEqualTo("hello from alice");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nats-server", "switchboard"})
    void wrongExpiredAndRevokedUsersAreRefused(String server) throws Exception {
        NKey user = NKey.createUser(RANDOM);
        NKey impostor = NKey.createUser(RANDOM);
        String valid = user(accountA, accountA, user, new UserClaim(pub(accountA)));
        String expired = JwtUtils.issueUserJWT(accountA, pub(user), "expired", Duration.ofSeconds(10), now - 3600,
                new UserClaim(pub(accountA)));
        String unknownAccount = user(NKey.createAccount(RANDOM), NKey.createAccount(RANDOM), user, null);
        String revokedJwt = JwtUtils.issueUserJWT(accountA, pub(revoked), "revoked", null, now - 60,
                new UserClaim(pub(accountA)));
        try (ServerProcess broker = ServerProcess.startNamed(server, config(false))) {
            refused(broker, Nats.staticCredentials(valid.toCharArray(), impostor.getSeed()));
            refused(broker, Nats.staticCredentials(expired.toCharArray(), user.getSeed()));
            refused(broker, Nats.staticCredentials(unknownAccount.toCharArray(), user.getSeed()));
            refused(broker, Nats.staticCredentials(revokedJwt.toCharArray(), revoked.getSeed()));
            assertThatThrownBy(() -> Nats.connect(options(broker).build())).hasMessageContaining("Authorization Violation");
            try (Connection connection = Nats.connect(options(broker).authHandler(
                    Nats.staticCredentials(valid.toCharArray(), user.getSeed())).build())) {
                assertThat(connection.getStatus()).isEqualTo(Connection.Status.CONNECTED);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nats-server", "switchboard"})
    void permissionsFromTheJwtAreEnforced(String server) throws Exception {
        NKey clerk = NKey.createUser(RANDOM);
        UserClaim claim = new UserClaim(pub(accountA)).pub(new Permission().allow("orders.>"))
                .sub(new Permission().allow("orders.>").deny("orders.secret"));
        String jwt = user(accountA, accountA, clerk, claim);
        List<String> errors = new CopyOnWriteArrayList<>();
        ErrorListener listener = new ErrorListener() {
            @Override
            public void errorOccurred(Connection conn, String error) {
                errors.add(error);
            }
        };
        try (ServerProcess broker = ServerProcess.startNamed(server, config(true));
             Connection connection = Nats.connect(options(broker).errorListener(listener)
                     .authHandler(Nats.staticCredentials(jwt.toCharArray(), clerk.getSeed())).build())) {
            Subscription orders = connection.subscribe("orders.new");
            connection.subscribe("orders.secret");
            connection.subscribe("payroll");
            connection.publish("payroll", bytes("not allowed"));
            connection.publish("orders.new", bytes("allowed"));
            assertThat(text(orders.nextMessage(WAIT))).isEqualTo("allowed");
            await().atMost(WAIT).untilAsserted(() -> assertThat(errors).contains(
                    "Permissions Violation for Subscription to \"orders.secret\"",
                    "Permissions Violation for Subscription to \"payroll\"",
                    "Permissions Violation for Publish to \"payroll\""));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nats-server", "switchboard"})
    void theAccountJwtsMappingsRewriteWhatItsUsersPublish(String server) throws Exception {
        NKey inA = NKey.createUser(RANDOM);
        NKey inB = NKey.createUser(RANDOM);
        String jwtA = user(accountA, accountA, inA, new UserClaim(pub(accountA)));
        String jwtB = user(accountB, accountB, inB, new UserClaim(pub(accountB)));
        try (ServerProcess broker = ServerProcess.startNamed(server, config(true));
             Connection a = Nats.connect(options(broker).authHandler(Nats.staticCredentials(jwtA.toCharArray(), inA.getSeed())).build());
             Connection b = Nats.connect(options(broker).authHandler(Nats.staticCredentials(jwtB.toCharArray(), inB.getSeed())).build())) {
            Subscription subA = a.subscribe("jwt.>");
            Subscription subB = b.subscribe("jwt.>");
            a.flush(WAIT);
            b.flush(WAIT);
            b.publish("jwt.in.x", bytes("mapped"));
            a.publish("jwt.in.y", bytes("as it is"));
            Message mapped = subB.nextMessage(WAIT);
            assertThat(text(mapped)).isEqualTo("mapped");
            assertThat(mapped.getSubject()).isEqualTo("jwt.out.x");
            assertThat(subA.nextMessage(WAIT).getSubject()).as("A has no mappings").isEqualTo("jwt.in.y");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nats-server", "switchboard"})
    void accountsAreIsolated(String server) throws Exception {
        NKey inA = NKey.createUser(RANDOM);
        NKey inB = NKey.createUser(RANDOM);
        String jwtA = user(accountA, accountA, inA, new UserClaim(pub(accountA)));
        String jwtB = user(accountB, accountB, inB, new UserClaim(pub(accountB)));
        try (ServerProcess broker = ServerProcess.startNamed(server, config(true));
             Connection a = Nats.connect(options(broker).authHandler(Nats.staticCredentials(jwtA.toCharArray(), inA.getSeed())).build());
             Connection b = Nats.connect(options(broker).authHandler(Nats.staticCredentials(jwtB.toCharArray(), inB.getSeed())).build())) {
            Subscription subA = a.subscribe("shared");
            Subscription subB = b.subscribe("shared");
            a.flush(WAIT);
            b.flush(WAIT);
            b.publish("shared", bytes("for B"));
            assertThat(text(subB.nextMessage(WAIT))).isEqualTo("for B");
            a.publish("shared", bytes("for A"));
            assertThat(text(subA.nextMessage(WAIT))).isEqualTo("for A");
            a.flush(WAIT);
            b.flush(WAIT);
            assertThat(subA.nextMessage(Duration.ofMillis(200))).as("A never sees B's message").isNull();
            assertThat(subB.nextMessage(Duration.ofMillis(200))).as("B never sees A's message").isNull();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nats-server", "switchboard"})
    void bearerTokensNeedNoSignatureAndTheirLimitsHold(String server) throws Exception {
        NKey device = NKey.createUser(RANDOM);
        String jwt = user(accountA, accountA, device, new UserClaim(pub(accountA)).bearerToken(true).subs(1).payload(16));
        try (ServerProcess broker = ServerProcess.startNamed(server, config(false)); RawClient client = new RawClient(broker.port())) {
            assertThat(client.readInfo()).contains("\"nonce\":");
            client.send("CONNECT {\"verbose\":false,\"protocol\":1,\"jwt\":\"" + jwt + "\"}\r\nPING\r\n");
            assertThat(client.readUntil(" \r\n")).as("the INFO after the first PONG tells the user's max_payload")
                    .startsWith("PONG\r\nINFO {").contains("\"max_payload\":16,").doesNotContain("nonce");
            client.send("SUB a 1\r\nSUB b 2\r\n");
            assertThat(client.sync(0)).isEqualTo("-ERR 'maximum subscriptions exceeded'\r\nPONG\r\n");
            client.send("PUB a 20\r\n01234567890123456789\r\n");
            assertThat(client.readUntil("\r\n")).isEqualTo("-ERR 'Maximum Payload Violation'\r\n");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nats-server", "switchboard"})
    void aClientIsClosedWhenItsJwtExpires(String server) throws Exception {
        NKey visitor = NKey.createUser(RANDOM);
        try (ServerProcess broker = ServerProcess.startNamed(server, config(false)); RawClient client = new RawClient(broker.port())) {
            String jwt = JwtUtils.issueUserJWT(accountA, pub(visitor), "visitor", Duration.ofSeconds(3),
                    JwtUtils.currentTimeSeconds(), new UserClaim(pub(accountA)));
            String nonce = client.readInfo().replaceAll(".*\"nonce\":\"([^\"]+)\".*\\s*", "$1");
            String signature = Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(visitor.sign(nonce.getBytes(StandardCharsets.US_ASCII)));
            client.send("CONNECT {\"verbose\":false,\"jwt\":\"" + jwt + "\",\"sig\":\"" + signature + "\"}\r\nPING\r\n");
            assertThat(client.readUntil("PONG\r\n")).isEqualTo("PONG\r\n");
            assertThat(client.readUntil("-ERR 'User Authentication Expired'\r\n")).doesNotContain("Violation");
            assertThat(client.readUntil("never")).isEmpty();
            assertThat(client.closedByServer()).isTrue();
        }
    }

    /**
     * The configuration both servers run: the operator JWT inline or in a file, the system account,
     * and accounts A (with a signing key and a revocation), B and the system account preloaded.
     */
    private String config(boolean operatorInFile) throws Exception {
        String operatorSetting = TrustChain.operatorJwt(operator, now);
        if (operatorInFile) {
            Path file = tmp.resolve("operator.jwt");
            Files.writeString(file, operatorSetting);
            operatorSetting = "\"" + file + "\"";
        }
        String withSigningKeyAndRevocation = TrustChain.NO_LIMITS + ",\"signing_keys\":[\"" + pub(signerA) + "\"],"
                + "\"revocations\":{\"" + pub(revoked) + "\":" + (now - 30) + "}";
        return TrustChain.config(operatorSetting, pub(system),
                pub(accountA) + ": " + TrustChain.accountJwt(operator, accountA, now, withSigningKeyAndRevocation),
                pub(accountB) + ": " + TrustChain.accountJwt(operator, accountB, now, TrustChain.NO_LIMITS
                        + ",\"mappings\":{\"jwt.in.*\":[{\"subject\":\"jwt.out.$1\"}]}"),
                pub(system) + ": " + TrustChain.accountJwt(operator, system, now, TrustChain.NO_LIMITS));
    }

    /** A user of {@code account} signed by {@code signer}, without limits unless the claim sets them. */
    private static String user(NKey signer, NKey account, NKey user, UserClaim claim) throws Exception {
        UserClaim nats = claim == null ? new UserClaim(pub(account)) : claim;
        return JwtUtils.issueUserJWT(signer, pub(user), null, null, JwtUtils.currentTimeSeconds(), nats);
    }

    private static void refused(ServerProcess broker, AuthHandler credentials) {
        assertThatThrownBy(() -> Nats.connect(options(broker).authHandler(credentials).build()))
                .hasMessageContaining("Authorization Violation");
    }

    private static Options.Builder options(ServerProcess broker) {
        return new Options.Builder().server(broker.url()).maxReconnects(0).connectionTimeout(WAIT);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Message message) {
        assertThat(message).isNotNull();
        return new String(message.getData(), StandardCharsets.UTF_8);
    }
}
