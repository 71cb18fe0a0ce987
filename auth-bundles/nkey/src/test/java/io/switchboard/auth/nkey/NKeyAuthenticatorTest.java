package io.switchboard.auth.nkey;

import io.nats.client.NKey;
import io.switchboard.core.auth.ClientCredentials;
import io.switchboard.core.config.ServerOptions;
import io.switchboard.core.spi.auth.AuthDecision;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NKeyAuthenticatorTest {

    private static final String NONCE = "0HKo4IT1dhPtRwk";

    @Test
    void admitsTheHolderOfAConfiguredKeyIntoItsAccount() throws Exception {
        NKey user = NKey.createUser(null);
        ServerOptions options = options("accounts { A { users: [ {nkey: " + new String(user.getPublicKey()) + "} ] } }");
        AuthDecision decision = NKeyAuthenticator.decide(options, request(user, NONCE, sign(user, NONCE)));
        assertThat(decision).isInstanceOf(AuthDecision.Allow.class);
        assertThat(((AuthDecision.Allow) decision).account()).isEqualTo("A");
    }

    @Test
    void refusesASignatureOfAnotherNonce() throws Exception {
        NKey user = NKey.createUser(null);
        ServerOptions options = options("authorization { users: [ {nkey: " + new String(user.getPublicKey()) + "} ] }");
        AuthDecision decision = NKeyAuthenticator.decide(options, request(user, NONCE, sign(user, "another")));
        assertThat(decision).isInstanceOf(AuthDecision.Deny.class);
    }

    @Test
    void passesOnKeysItDoesNotKnowAndOnClientsWithoutKey() throws Exception {
        NKey user = NKey.createUser(null);
        ServerOptions options = options("authorization { users: [ {nkey: " + new String(NKey.createUser(null).getPublicKey()) + "} ] }");
        assertThat(NKeyAuthenticator.decide(options, request(user, NONCE, sign(user, NONCE)))).isEqualTo(AuthDecision.next());
        assertThat(NKeyAuthenticator.decide(options, new ClientCredentials("u", "p", null, null, null, null, NONCE,
                List.of(), null, "client", ""))).isEqualTo(AuthDecision.next());
    }

    private static ServerOptions options(String config) throws Exception {
        Path file = Files.createTempFile("nkey", ".conf");
        file.toFile().deleteOnExit();
        Files.writeString(file, config);
        return ServerOptions.load("-c", file.toString());
    }

    private static ClientCredentials request(NKey user, String nonce, String signature) throws Exception {
        return new ClientCredentials(null, null, null, new String(user.getPublicKey()), signature, null, nonce,
                List.of(), null, "client", "");
    }

    private static String sign(NKey user, String nonce) throws Exception {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(user.sign(nonce.getBytes(StandardCharsets.US_ASCII)));
    }
}
