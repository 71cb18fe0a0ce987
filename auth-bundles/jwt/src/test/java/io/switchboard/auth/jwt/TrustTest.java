package io.switchboard.auth.jwt;

import io.nats.client.NKey;
import io.switchboard.core.auth.ClientCredentials;
import io.switchboard.core.config.ServerOptions;
import io.switchboard.core.server.NatsServer;
import io.switchboard.core.spi.auth.AuthDecision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.List;

import static io.switchboard.auth.jwt.Authority.issue;
import static io.switchboard.auth.jwt.Authority.pub;
import static org.assertj.core.api.Assertions.assertThat;

class TrustTest {

    @TempDir
    Path tmp;

    @Test
    void readsAnInlineOperatorTheMemoryResolverAndItsPreloads() throws Exception {
        NKey operator = Authority.operatorKey();
        NKey signer = Authority.operatorKey();
        NKey account = Authority.accountKey();
        String accountJwt = issue(operator, pub(account), "account", "");
        Trust sut = read("operator: " + issue(operator, pub(operator), "operator", "\"signing_keys\":[\"" + pub(signer) + "\"]")
                + "\nsystem_account: " + pub(account) + "\nresolver: MEMORY\nresolver_preload: { " + pub(account) + ": "
                + accountJwt + " }\n");
        assertThat(sut.problem()).isEmpty();
        assertThat(sut.trustedKeys()).containsExactlyInAnyOrder(pub(operator), pub(signer));
        assertThat(sut.accounts()).containsEntry(pub(account), accountJwt);
        assertThat(sut.systemAccount()).isEqualTo(pub(account));
    }

    @Test
    void readsAnOperatorFromADecoratedFileAndTrustsOnlyTheSigningKeysOfAStrictOne() throws Exception {
        NKey operator = Authority.operatorKey();
        NKey signer = Authority.operatorKey();
        Path file = tmp.resolve("operator.jwt");
        Files.writeString(file, "-----BEGIN NATS OPERATOR JWT-----\n" + issue(operator, pub(operator), "operator",
                "\"signing_keys\":[\"" + pub(signer) + "\"],\"strict_signing_key_usage\":true")
                + "\n------END NATS OPERATOR JWT------\n");
        Trust sut = read("operator: \"" + file + "\"\nresolver: MEM\n");
        assertThat(sut.problem()).isEmpty();
        assertThat(sut.trustedKeys()).containsExactly(pub(signer));
        assertThat(sut.strictIssuers()).containsExactly(pub(signer));
    }

    @Test
    void refusesWhatNatsServerRefusesToStartWith() throws Exception {
        NKey operator = Authority.operatorKey();
        String operatorJwt = issue(operator, pub(operator), "operator", "");
        assertThat(read("operator: " + operatorJwt + "\n").problem())
                .contains("operators require an account resolver to be configured");
        assertThat(read("operator: " + operatorJwt + "\ntrusted_keys: " + pub(operator) + "\nresolver: MEMORY\n").problem())
                .contains("conflicting options for 'TrustedKeys' and 'TrustedOperators'");
        assertThat(read("operator: /no/such/operator.jwt\nresolver: MEMORY\n").problem())
                .contains("error parsing operator JWT: cannot read /no/such/operator.jwt");
        assertThat(read("operator: " + operatorJwt + "\nresolver: MEMORY\nresolver_preload: { A: nonsense }\n").problem())
                .hasValueSatisfying(problem -> assertThat(problem).startsWith("invalid account JWT for A"));
        assertThat(read("trusted_keys: [\"" + pub(Authority.accountKey()) + "\"]\n").problem())
                .hasValueSatisfying(problem -> assertThat(problem).endsWith("are required to be a valid public operator nkey"));
    }

    @Test
    void theUrlResolverHoldsNoAccountBeforeItFetchesOneAndTakesNoPreloads() throws Exception {
        NKey operator = Authority.operatorKey();
        String trust = "operator: " + issue(operator, pub(operator), "operator", "")
                + "\nresolver: URL(\"http://127.0.0.1:9090/jwt/v1/accounts\")\n";
        Trust sut = read(trust);
        assertThat(sut.problem()).isEmpty();
        assertThat(sut.accounts()).isEmpty();
        assertThat(ResolverSettings.read(options(trust).raw("resolver").orElseThrow()).url())
                .hasToString("http://127.0.0.1:9090/jwt/v1/accounts/");
        NKey account = Authority.accountKey();
        assertThat(read(trust + "resolver_preload { " + pub(account) + ": " + issue(operator, pub(account), "account", "")
                + " }\n").problem()).hasValueSatisfying(problem -> assertThat(problem)
                .contains("resolver preloads only available for writeable resolver types"));
        assertThat(JwtAdmission.decide(sut, new ClientCredentials(null, null, null, null, null, "eyJ", "n", List.of(),
                null, "client", ""), ZonedDateTime.now())).isInstanceOf(AuthDecision.Deny.class);
    }

    @Test
    void aFullResolverHoldsItsDirectoryAndThePreloadedAccounts(@TempDir Path dir) throws Exception {
        NKey operator = Authority.operatorKey();
        NKey account = Authority.accountKey();
        String accountJwt = issue(operator, pub(account), "account", "");
        Trust sut = read("operator: " + issue(operator, pub(operator), "operator", "")
                + "\nresolver { type: full, dir: \"" + dir + "\" }\nresolver_preload { " + pub(account) + ": "
                + accountJwt + " }\n");
        assertThat(sut.problem()).isEmpty();
        assertThat(sut.accounts()).containsEntry(pub(account), accountJwt);
        assertThat(Files.readString(dir.resolve(pub(account) + ".jwt"))).isEqualTo(accountJwt);
    }

    @Test
    void passesEveryClientOnWithoutTrustedOperators() throws Exception {
        ServerOptions options = options("authorization { users: [ {user: a, password: b} ] }\n");
        NatsServer server = new NatsServer(options, () -> { }, logging -> { });
        try {
            JwtAuthenticator sut = new JwtAuthenticator(() -> options, server.system(), server::recheckClients);
            assertThat(sut.authenticate(new ClientCredentials("a", "b", null, null, null, null, null, List.of(), null,
                    "client", "")).toCompletableFuture().join()).isEqualTo(AuthDecision.next());
            sut.deactivate();
        } finally {
            server.shutdown();
        }
    }

    private Trust read(String config) throws Exception {
        return Trust.read(options(config), AccountDirectory::open);
    }

    private ServerOptions options(String config) throws Exception {
        Path file = tmp.resolve("server.conf");
        Files.writeString(file, config);
        return ServerOptions.load("-c", file.toString());
    }
}
