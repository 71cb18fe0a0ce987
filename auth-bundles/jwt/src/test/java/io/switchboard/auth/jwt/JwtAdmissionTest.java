package io.switchboard.auth.jwt;

import io.nats.client.NKey;
import io.nats.client.support.JwtUtils;
import io.switchboard.core.auth.ClientCredentials;
import io.switchboard.core.spi.auth.AccountSettings;
import io.switchboard.core.spi.auth.AuthDecision;
import io.switchboard.core.spi.auth.Permissions;
import io.switchboard.core.spi.auth.ResponsePermission;
import io.switchboard.core.spi.auth.SubjectRules;
import io.switchboard.core.spi.auth.UserLimits;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.switchboard.auth.jwt.Authority.issue;
import static io.switchboard.auth.jwt.Authority.pub;
import static io.switchboard.auth.jwt.Authority.sign;
import static org.assertj.core.api.Assertions.assertThat;

class JwtAdmissionTest {

    private static final String NONCE = "kJ3x9QZ0aWbT2ls";
    private static final String UNLIMITED = "\"subs\":-1,\"data\":-1,\"payload\":-1";

    private NKey operator;
    private NKey account;
    private NKey user;
    private String accountJwt;

    @BeforeEach
    void keys() throws Exception {
        operator = Authority.operatorKey();
        account = Authority.accountKey();
        user = Authority.userKey();
        accountJwt = issue(operator, pub(account), "account", limits(-1, -1));
    }

    @Test
    void admitsAUserSignedByItsAccountIntoTheAccountNamedByItsKey() throws Exception {
        AuthDecision.Allow allow = allowed(decide(userJwt(account, UNLIMITED), signed()));
        assertThat(allow.account()).isEqualTo(pub(account));
        assertThat(allow.permissions()).isEqualTo(Permissions.ALL);
        assertThat(allow.limits()).isEqualTo(UserLimits.NONE);
        assertThat(allow.expires()).isEmpty();
    }

    @Test
    void signingKeysOfTheOperatorAndOfTheAccountMayIssue() throws Exception {
        NKey operatorSigner = Authority.operatorKey();
        NKey accountSigner = Authority.accountKey();
        accountJwt = issue(operatorSigner, pub(account), "account",
                limits(-1, -1) + ",\"signing_keys\":[\"" + pub(accountSigner) + "\"]");
        Trust trust = trust(Set.of(pub(operator), pub(operatorSigner)), Set.of());
        String jwt = issue(accountSigner, pub(user), "user", "\"issuer_account\":\"" + pub(account) + "\"," + UNLIMITED);
        assertThat(allowed(JwtAdmission.decide(trust, request(jwt, signed()), now())).account()).isEqualTo(pub(account));
    }

    @Test
    void refusesAccountsOfUntrustedOperatorsAndUsersOfUnknownSigners() throws Exception {
        accountJwt = issue(Authority.operatorKey(), pub(account), "account", limits(-1, -1));
        assertThat(denial(decide(userJwt(account, UNLIMITED), signed()))).isEqualTo("Account JWT not signed by trusted operator");

        accountJwt = issue(operator, pub(account), "account", limits(-1, -1));
        String unknownSigner = issue(Authority.accountKey(), pub(user), "user", "\"issuer_account\":\"" + pub(account) + "\"");
        assertThat(denial(decide(unknownSigner, signed()))).isEqualTo("User JWT issuer is not known");
    }

    @Test
    void strictOperatorsLetOnlyAccountSigningKeysSignUsers() throws Exception {
        NKey operatorSigner = Authority.operatorKey();
        accountJwt = issue(operatorSigner, pub(account), "account", limits(-1, -1));
        Trust strict = trust(Set.of(pub(operatorSigner)), Set.of(pub(operatorSigner)));
        assertThat(denial(JwtAdmission.decide(strict, request(userJwt(account, UNLIMITED), signed()), now())))
                .isEqualTo("User JWT issuer is not known");
    }

    @Test
    void refusesExpiredUsersAndAccountsAndCarriesTheExpiry() throws Exception {
        long longAgo = JwtUtils.currentTimeSeconds() - 3600;
        String expired = issue(account, pub(user), "user", UNLIMITED, Duration.ofSeconds(60), longAgo);
        assertThat(denial(decide(expired, signed()))).isEqualTo("User JWT no longer valid: claim is expired");

        String fresh = issue(account, pub(user), "user", UNLIMITED, Duration.ofMinutes(10), JwtUtils.currentTimeSeconds());
        Optional<Instant> expires = allowed(decide(fresh, signed())).expires();
        assertThat(expires).isPresent();
        assertThat(expires.get()).isBetween(Instant.now().plusSeconds(590), Instant.now().plusSeconds(601));

        accountJwt = issue(operator, pub(account), "account", limits(-1, -1), Duration.ofSeconds(60), longAgo);
        assertThat(denial(decide(userJwt(account, UNLIMITED), signed()))).isEqualTo("Account JWT has expired");
    }

    @Test
    void revocationsRefuseJwtsIssuedUpToTheirTime() throws Exception {
        long issued = JwtUtils.currentTimeSeconds() - 10;
        String jwt = issue(account, pub(user), "user", UNLIMITED, null, issued);
        accountJwt = issue(operator, pub(account), "account", limits(-1, -1) + ",\"revocations\":{\"" + pub(user) + "\":" + issued + "}");
        assertThat(denial(decide(jwt, signed()))).isEqualTo("User authentication revoked");
        accountJwt = issue(operator, pub(account), "account", limits(-1, -1) + ",\"revocations\":{\"*\":" + (issued - 1) + "}");
        assertThat(decide(jwt, signed())).isInstanceOf(AuthDecision.Allow.class);
    }

    @Test
    void theNonceMustBeSignedUnlessTheJwtIsABearerToken() throws Exception {
        String jwt = userJwt(account, UNLIMITED);
        assertThat(denial(decide(jwt, null))).isEqualTo("Signature missing");
        assertThat(denial(decide(jwt, sign(user, "another nonce")))).isEqualTo("Signature not verified");
        assertThat(denial(decide(jwt, sign(Authority.userKey(), NONCE)))).isEqualTo("Signature not verified");

        String bearer = userJwt(account, UNLIMITED + ",\"bearer_token\":true");
        assertThat(decide(bearer, null)).isInstanceOf(AuthDecision.Allow.class);
        accountJwt = issue(operator, pub(account), "account", "\"limits\":{\"subs\":-1,\"payload\":-1,\"conn\":-1,\"disallow_bearer\":true}");
        assertThat(denial(decide(bearer, null))).isEqualTo("Account does not allow bearer token");
    }

    @Test
    void permissionsAndLimitsComeFromTheUserAndTheAccount() throws Exception {
        accountJwt = issue(operator, pub(account), "account", limits(10, 4096));
        String jwt = userJwt(account, "\"pub\":{\"allow\":[\"orders.>\"],\"deny\":[\"orders.secret\"]},"
                + "\"sub\":{\"deny\":[\"audit.>\"]},\"resp\":{\"max\":0,\"ttl\":0},\"subs\":20,\"data\":-1,\"payload\":100");
        AuthDecision.Allow allow = allowed(decide(jwt, signed()));
        assertThat(allow.permissions()).isEqualTo(new Permissions(
                new SubjectRules(List.of("orders.>"), List.of("orders.secret")),
                new SubjectRules(List.of(), List.of("audit.>")), Optional.of(ResponsePermission.DEFAULT)));
        assertThat(allow.limits()).isEqualTo(new UserLimits(10, 100));
    }

    @Test
    void theAccountsMappingsComeWithTheAdmission() throws Exception {
        assertThat(allowed(decide(userJwt(account, UNLIMITED), signed())).settings().mappings()).isEmpty();
        accountJwt = issue(operator, pub(account), "account", limits(-1, -1)
                + ",\"mappings\":{\"orders.*\":[{\"subject\":\"eu.orders.$1\",\"weight\":40,\"cluster\":\"eu\"},"
                + "{\"subject\":\"orders.$1\"}]}");
        AuthDecision.Allow allow = allowed(decide(userJwt(account, UNLIMITED), signed()));
        assertThat(allow.settings()).isEqualTo(new AccountSettings(Map.of("orders.*", List.of(
                new AccountSettings.MappingDestination("eu.orders.$1", 40, "eu"),
                new AccountSettings.MappingDestination("orders.$1", 0, "")))));
    }

    @Test
    void limitsTheJwtLeavesOutAreZeroAndTheAccountsDefaultPermissionsApply() throws Exception {
        accountJwt = issue(operator, pub(account), "account",
                limits(-1, -1) + ",\"default_permissions\":{\"pub\":{\"allow\":[\"public.>\"]}}");
        AuthDecision.Allow allow = allowed(decide(userJwt(account, ""), signed()));
        assertThat(allow.limits()).isEqualTo(new UserLimits(0, 0));
        assertThat(allow.permissions().publish()).isEqualTo(new SubjectRules(List.of("public.>"), List.of()));

        accountJwt = issue(operator, pub(account), "account", "");
        assertThat(denial(decide(userJwt(account, UNLIMITED), signed()))).isEqualTo("maximum account active connections exceeded");
    }

    @Test
    void aScopedSigningKeyGivesItsTemplateToUsersWithoutRightsOfTheirOwn() throws Exception {
        NKey scoped = Authority.accountKey();
        accountJwt = issue(operator, pub(account), "account", limits(-1, -1) + ",\"signing_keys\":[{\"kind\":\"user_scope\","
                + "\"key\":\"" + pub(scoped) + "\",\"role\":\"reader\",\"template\":{\"sub\":{\"allow\":[\"news.>\"]},"
                + UNLIMITED + "}}]");
        String issuerAccount = "\"issuer_account\":\"" + pub(account) + "\"";
        AuthDecision.Allow allow = allowed(decide(issue(scoped, pub(user), "user", issuerAccount), signed()));
        assertThat(allow.permissions().subscribe()).isEqualTo(new SubjectRules(List.of("news.>"), List.of()));
        assertThat(denial(decide(issue(scoped, pub(user), "user", issuerAccount + "," + UNLIMITED), signed())))
                .isEqualTo("User JWT is not valid: scoped users require no permissions or limits set");
    }

    @Test
    void sourceNetworksConnectionTypesAndConnectTimesRestrictWhereAndWhen() throws Exception {
        assertThat(denial(decide(userJwt(account, UNLIMITED + ",\"src\":[\"10.0.0.0/8\"]"), signed())))
                .isEqualTo("Bad src Ip 127.0.0.1");
        assertThat(decide(userJwt(account, UNLIMITED + ",\"src\":[\"10.0.0.0/8\",\"127.0.0.0/8\"]"), signed()))
                .isInstanceOf(AuthDecision.Allow.class);
        assertThat(denial(decide(userJwt(account, UNLIMITED + ",\"allowed_connection_types\":[\"WEBSOCKET\"]"), signed())))
                .isEqualTo("Connection type not allowed");

        String office = userJwt(account, UNLIMITED + ",\"times\":[{\"start\":\"09:00:00\",\"end\":\"17:00:00\"}],"
                + "\"times_location\":\"UTC\"");
        ZonedDateTime morning = ZonedDateTime.of(2030, 1, 2, 10, 0, 0, 0, ZoneOffset.UTC);
        AuthDecision.Allow allow = allowed(JwtAdmission.decide(trust(), request(office, signed()), morning));
        assertThat(allow.expires()).contains(morning.withHour(17).toInstant());
        assertThat(denial(JwtAdmission.decide(trust(), request(office, signed()), morning.withHour(20))))
                .isEqualTo("Outside connect times");
    }

    @Test
    void refusesTamperedJwtsAndClientsWithoutOne() throws Exception {
        String jwt = userJwt(account, UNLIMITED);
        String[] parts = jwt.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String widened = Base64.getUrlEncoder().withoutPadding().encodeToString(
                payload.replace("\"subs\":-1", "\"subs\":-1,\"bearer_token\":true").getBytes(StandardCharsets.UTF_8));
        assertThat(denial(decide(parts[0] + "." + widened + "." + parts[2], null)))
                .isEqualTo("User JWT not valid: claim failed signature verification");
        assertThat(denial(decide(accountJwt, signed()))).isEqualTo("User JWT not valid: not user claims");
        assertThat(denial(decide(null, signed()))).isEqualTo("Authentication requires a user JWT");
        assertThat(denial(decide(issue(account, pub(user), "user", UNLIMITED).replace("eyJ0eXAiOiJKV1QiLCAiYWxnIjoiZWQyNTUxOS1ua2V5In0",
                "eyJ0eXAiOiJKV1QiLCJhbGciOiJFZERTQSJ9"), signed()))).isEqualTo("User JWT not valid: unexpected \"EdDSA\" algorithm");
    }

    @Test
    void accountsTheResolverDoesNotHaveAreRefused() throws Exception {
        NKey stranger = Authority.accountKey();
        assertThat(denial(decide(userJwt(stranger, UNLIMITED), signed())))
                .isEqualTo("Account JWT lookup error: account " + pub(stranger) + " is not known to the resolver");
    }

    private String userJwt(NKey signer, String fields) throws Exception {
        return issue(signer, pub(user), "user", fields);
    }

    private String signed() throws Exception {
        return sign(user, NONCE);
    }

    private static String limits(long subs, long payload) {
        return "\"limits\":{\"subs\":" + subs + ",\"data\":-1,\"payload\":" + payload + ",\"conn\":-1}";
    }

    private AuthDecision decide(String jwt, String signature) throws Exception {
        return JwtAdmission.decide(trust(), request(jwt, signature), now());
    }

    private Trust trust() throws Exception {
        return trust(Set.of(pub(operator)), Set.of());
    }

    private Trust trust(Set<String> trusted, Set<String> strict) throws Exception {
        return new Trust(List.of(), trusted, strict, Map.of(pub(account), accountJwt), "", Optional.empty());
    }

    private static ZonedDateTime now() {
        return ZonedDateTime.now();
    }

    private static ClientCredentials request(String jwt, String signature) {
        return new ClientCredentials(null, null, null, null, signature, jwt, NONCE, List.of(),
                new InetSocketAddress("127.0.0.1", 40000), "client", "");
    }

    private static AuthDecision.Allow allowed(AuthDecision decision) {
        assertThat(decision).isInstanceOf(AuthDecision.Allow.class);
        return (AuthDecision.Allow) decision;
    }

    private static String denial(AuthDecision decision) {
        assertThat(decision).isInstanceOf(AuthDecision.Deny.class);
        return ((AuthDecision.Deny) decision).reason();
    }
}
