package io.switchboard.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.core.spi.auth.SubjectRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerOptionsTest {

    @TempDir
    Path dir;

    private Path write(String content) throws IOException {
        Path file = dir.resolve("server.conf");
        Files.writeString(file, content);
        return file;
    }

    private ServerOptions load(String content, String... flags) throws IOException {
        Path file = write(content);
        String[] args = new String[flags.length + 2];
        args[0] = "-c";
        args[1] = file.toString();
        System.arraycopy(flags, 0, args, 2, flags.length);
        return ServerOptions.load(CommandLine.parse(args), Map.of("SB_TEST_PORT", "4555"));
    }

    private String error(String content, String... flags) throws IOException {
        Path file = write(content);
        ConfigException e = assertThrows(ConfigException.class, () -> load(content, flags));
        return e.getMessage().replace(file.toString(), "server.conf");
    }

    @Test
    void mappingsAreReadTopLevelAndPerAccount() throws IOException {
        ServerOptions options = load("""
                mappings { "foo.*": "bar.$1", "w": [ {destination: a, weight: 40%}, {dest: b, weight: 20, cluster: east} ] }
                accounts { A { mappings { x: y } } }
                """);
        assertEquals(List.of(
                new AccountMapping("$G", "foo.*", List.of(new AccountMapping.Destination("bar.$1", 100, "")),
                        options.mappings().get(0).position()),
                new AccountMapping("$G", "w", List.of(new AccountMapping.Destination("a", 40, ""),
                        new AccountMapping.Destination("b", 20, "east")), options.mappings().get(1).position()),
                new AccountMapping("A", "x", List.of(new AccountMapping.Destination("y", 100, "")),
                        options.mappings().get(2).position())), options.mappings());
    }

    @Test
    void badMappingsGetNatsServersErrors() throws IOException {
        assertEquals("server.conf:1:21: Error adding mapping for \"foo.*\" to \"bar.{{partition(3)}}\" : "
                        + "invalid mapping destination: not enough arguments passed to the function in {{partition(3)}}",
                error("mappings { \"foo.*\": \"bar.{{partition(3)}}\" }"));
        assertEquals("server.conf:1:23: Error adding mapping for \"foo.*.*\" to \"bar.$1\" : "
                        + "invalid mapping destination: not using all of the token wildcard(s) in bar.$1",
                error("mappings { \"foo.*.*\": \"bar.$1\" }"));
        assertEquals("server.conf:1:33: Invalid weight 120 for mapping destination",
                error("mappings { x: {dest: y, weight: 120} }"));
        assertEquals("server.conf:1:12: Subject \"bad subj\" is not a valid subject",
                error("mappings { \"bad subj\": z }"));
        assertEquals("server.conf:1:15: Missing weight for mapping destination \"y\"",
                error("mappings { q: {dest: y} }"));
        assertEquals("server.conf:1:17: Error adding mapping for \"foo\" to \"a, b\" : total weight needs to be <= 100",
                error("mappings { foo: [ {destination: a, weight: 60%}, {destination: b, weight: 50%} ] }"));
        assertEquals("server.conf:1:30: Error adding mapping for \"x\" to \"y.>\" : invalid subject",
                error("accounts { A { mappings { x: \"y.>\" } } }"));
    }

    @Test
    void defaultsAreThoseOfNatsServer() {
        ServerOptions options = ServerOptions.defaults();
        assertEquals("0.0.0.0", options.host());
        assertEquals(4222, options.port());
        assertEquals("", options.serverName());
        assertEquals("0.0.0.0", options.httpHost());
        assertEquals(0, options.httpPort());
        assertEquals(1024 * 1024, options.maxPayload());
        assertEquals(4096, options.maxControlLine());
        assertEquals(64L * 1024 * 1024, options.maxPending());
        assertEquals(65536, options.maxConnections());
        assertEquals(0, options.maxSubscriptions());
        assertEquals(Duration.ofMinutes(2), options.pingInterval());
        assertEquals(2, options.maxPingsOut());
        assertEquals(Duration.ofSeconds(2), options.authTimeout());
        assertEquals(Duration.ofSeconds(10), options.writeDeadline());
        assertEquals(Duration.ofMinutes(2), options.lameDuckDuration());
        assertEquals(Duration.ofSeconds(10), options.lameDuckGracePeriod());
        assertTrue(options.logtime());
        assertFalse(options.debug());
        assertEquals(3600, options.connectErrorReports());
        assertEquals(1, options.reconnectErrorReports());
        assertEquals("", options.configFile());
        assertTrue(options.config().isEmpty());
        assertEquals(List.of(), options.warnings());
    }

    @Test
    void readsCoreSettings() throws IOException {
        ServerOptions options = load("""
                server_name: "srv-1"
                listen: "127.0.0.1:4333"
                client_advertise: "srv-1.example.net"
                monitor_port: 8333
                max_payload: 2MB
                max_control_line: 1KB
                max_pending: 10MB
                max_conn: 100
                max_subs: 50
                ping_interval: "30s"
                ping_max: 5
                write_deadline: "3s"
                lame_duck_duration: "1m"
                lame_duck_grace_period: "20s"
                debug: true
                trace_verbose: true
                logtime: false
                log_file: "/tmp/x.log"
                log_size_limit: 1GB
                syslog: true
                remote_syslog: "udp://127.0.0.1:514"
                pidfile: "/tmp/x.pid"
                ports_file_dir: "/tmp"
                prof_port: 6060
                max_traced_msg_len: 128
                connect_error_reports: 7
                reconnect_error_reports: 3
                no_sublist_cache: true
                no_header_support: true
                no_auth_user: guest
                """);
        assertEquals("srv-1", options.serverName());
        assertEquals("127.0.0.1", options.host());
        assertEquals(4333, options.port());
        assertEquals("srv-1.example.net", options.clientAdvertise());
        assertEquals(8333, options.httpPort());
        assertEquals("127.0.0.1", options.httpHost());
        assertEquals(2 * 1024 * 1024, options.maxPayload());
        assertEquals(1024, options.maxControlLine());
        assertEquals(10L * 1024 * 1024, options.maxPending());
        assertEquals(100, options.maxConnections());
        assertEquals(50, options.maxSubscriptions());
        assertEquals(Duration.ofSeconds(30), options.pingInterval());
        assertEquals(5, options.maxPingsOut());
        assertEquals(Duration.ofSeconds(3), options.writeDeadline());
        assertEquals(Duration.ofMinutes(1), options.lameDuckDuration());
        assertEquals(Duration.ofSeconds(20), options.lameDuckGracePeriod());
        assertTrue(options.debug());
        assertTrue(options.trace());
        assertTrue(options.traceVerbose());
        assertFalse(options.logtime());
        assertEquals("/tmp/x.log", options.logFile());
        assertEquals(1024L * 1024 * 1024, options.logSizeLimit());
        assertTrue(options.syslog());
        assertEquals("udp://127.0.0.1:514", options.remoteSyslog());
        assertEquals("/tmp/x.pid", options.pidFile());
        assertEquals("/tmp", options.portsFileDir());
        assertEquals(6060, options.profPort());
        assertEquals(128, options.maxTracedMsgLen());
        assertEquals(7, options.connectErrorReports());
        assertEquals(3, options.reconnectErrorReports());
        assertTrue(options.disableSublistCache());
        assertTrue(options.noHeaderSupport());
        assertEquals("guest", options.noAuthUser());
        assertEquals(dir.resolve("server.conf").toString(), options.configFile());
    }

    @Test
    void keysIgnoreLetterCase() throws IOException {
        assertEquals(4333, load("PORT: 4333").port());
    }

    @Test
    void listenForms() throws IOException {
        assertEquals(4444, load("listen: 4444").port());
        ServerOptions ipv6 = load("listen: \"[::1]:4555\"\nhttp: \"127.0.0.2:8222\"");
        assertEquals("::1", ipv6.host());
        assertEquals(4555, ipv6.port());
        assertEquals("127.0.0.2", ipv6.httpHost());
        assertEquals(8222, ipv6.httpPort());
        assertEquals(-1, load("port: -1").port());
        assertEquals(4222, load("port: 0").port());
        assertEquals("server.conf:1:9: listen: could not parse address string \"localhost\"", error("listen: localhost"));
        assertEquals("server.conf:1:9: listen: could not parse port \"x\"", error("listen: \"h:x\""));
    }

    @Test
    void typeErrorsPointAtTheValue() throws IOException {
        assertEquals("server.conf:2:9: port: expected an integer but got string \"abc\"", error("debug: true\nport:   \"abc\""));
        assertEquals("server.conf:1:8: debug: expected a boolean but got string \"maybe\"", error("debug: maybe"));
        assertEquals("server.conf:1:14: max_payload value is too big", error("max_payload: 3GB"));
        assertEquals("server.conf:1:7: port: 9999999999 is out of range", error("port: 9999999999"));
    }

    @Test
    void unknownTopLevelKeysAreErrorsUnlessUsedAsVariables() throws IOException {
        assertEquals("server.conf:2:3: unknown field \"monitoring_port\"", error("port: 1\n  monitoring_port: 2"));
        assertEquals(4333, load("MY_PORT = 4333\nport: $MY_PORT").port());
    }

    @Test
    void blocksOfOtherBundlesAreKeptAsWritten() throws IOException {
        ServerOptions options = load("""
                cluster { name: c1, listen: "127.0.0.1:6222" }
                leaf { listen: "127.0.0.1:7422" }
                ws { port: 8080, no_tls: true }
                jetstream: enabled
                accounts { A { users: [ {user: a, password: b} ] } }
                """);
        assertEquals("c1", options.block("cluster").orElseThrow().get("name").orElseThrow().asString());
        assertEquals("127.0.0.1:7422", options.block("leafnodes").orElseThrow().get("listen").orElseThrow().asString());
        assertEquals(8080L, options.block("websocket").orElseThrow().get("port").orElseThrow().asLong());
        assertEquals("enabled", options.raw("JetStream").orElseThrow().asString());
        assertTrue(options.block("accounts").orElseThrow().block("A").isPresent());
        assertEquals(Optional.empty(), options.block("gateway"));
        assertThrows(ConfigException.class, () -> options.block("jetstream"));
    }

    @Test
    void singleUserAuthorization() throws IOException {
        ServerOptions options = load("authorization { user: u, password: p, timeout: 0.5 }");
        assertEquals("u", options.username());
        assertEquals("p", options.password());
        assertEquals(Duration.ofMillis(500), options.authTimeout());
        assertEquals("u", options.block("authorization").orElseThrow().get("user").orElseThrow().asString());
        assertEquals("tok", load("authorization { token: tok }").authorizationToken());
    }

    @Test
    void usersWithPermissions() throws IOException {
        ServerOptions options = load("""
                PERMS = { publish: "a.>" }
                authorization {
                  default_permissions: { subscribe: "_INBOX.>" }
                  users: [
                    {user: alice, password: one, permissions: $PERMS}
                    {user: bob, password: two, allowed_connection_types: ["STANDARD"]}
                    {nkey: UDXU4RCSJNZOIQHZNWXHXORDPRTGNJAHAHFRGZNEEJCPQTT2M7NLCNF4}
                  ]
                }
                """);
        assertEquals(3, options.users().size());
        ServerOptions.User alice = options.users().get(0);
        assertEquals("alice", alice.username());
        assertEquals(new SubjectRules(List.of("a.>"), List.of()), alice.permissions().publish());
        ServerOptions.User bob = options.users().get(1);
        assertEquals(new SubjectRules(List.of("_INBOX.>"), List.of()), bob.permissions().subscribe());
        assertEquals("$G", bob.account());
        assertEquals(List.of("STANDARD"), bob.allowedConnectionTypes().orElseThrow().toJava());
        assertEquals("UDXU4RCSJNZOIQHZNWXHXORDPRTGNJAHAHFRGZNEEJCPQTT2M7NLCNF4", options.users().get(2).nkey());
        assertEquals(new Position(dir.resolve("server.conf").toString(), 5, 5), alice.position());
    }

    @Test
    void importsMustMatchAnExportThatLetsTheImporterIn() throws IOException {
        assertEquals("server.conf:1:58: stream import of \"x\" from account \"A\" is not authorized by its exports",
                error("accounts { A: { exports: [{stream: y}] }, B: { imports: [{stream: {account: A, subject: x}}] } }"));
        assertEquals("server.conf:1:74: service import of \"s\" from account \"A\" is not authorized by its exports",
                error("accounts { A: { exports: [{service: s, accounts: [C]}] }, B: { imports: [{service: {account: A, subject: s}}] }, C: {} }"));
        assertEquals("server.conf:1:27: import from unknown account \"Z\"",
                error("accounts { B: { imports: [{stream: {account: Z, subject: x}}] } }"));
        ServerOptions options = load("""
                accounts {
                  A: { exports: [ {stream: "news.>"}, {service: "help", response: stream, threshold: "5s"} ] }
                  B: { imports: [ {stream: {account: A, subject: "news.sport"}, prefix: p}, {service: {account: A, subject: help}, to: ask} ] }
                }
                """);
        assertEquals(2, options.exports().size());
        assertEquals("p.news.sport", options.imports().get(0).localSubject());
        assertEquals("ask", options.imports().get(1).localSubject());
        assertTrue(options.exports().get(1).streamedResponses());
        assertEquals(Duration.ofSeconds(5), options.exports().get(1).responseThreshold());
    }

    @Test
    void authorizationChecks() throws IOException {
        assertEquals("server.conf:1:15: Cannot have a user/pass and token", error("authorization {user: a, token: t}"));
        assertEquals("server.conf:1:15: Can not have a single user/pass and a users array",
                error("authorization {user: a, users: []}"));
        assertEquals("server.conf:1:35: Duplicate user \"a\" detected",
                error("authorization {users: [{user: a}, {user: a}]}"));
        assertEquals("server.conf:1:24: User entry requires a user", error("authorization {users: [{password: a}]}"));
        assertEquals("server.conf:1:16: unknown field \"usr\"", error("authorization {usr: a}"));
        assertEquals("server.conf:1:34: unknown field \"perms_typo\"",
                error("authorization {users: [{user: a, perms_typo: 1}]}"));
        assertEquals("server.conf:1:47: Expected permissions to be a map/struct, got string \"x\"",
                error("authorization {users: [{user: a, permissions: x}]}"));
    }

    @Test
    void durationsAndTheirChecks() throws IOException {
        ServerOptions seconds = load("ping_interval: 60");
        assertEquals(Duration.ofMinutes(1), seconds.pingInterval());
        assertEquals(List.of(dir.resolve("server.conf") + ":1:16: invalid use of field \"ping_interval\": "
                + "ping_interval should be converted to a duration"), seconds.warnings());
        assertEquals("server.conf:1:17: error parsing write_deadline: time: unknown unit \" s\" in duration \"2 s\"",
                error("write_deadline: \"2 s\""));
        assertEquals("server.conf:1:21: invalid lame_duck_duration of 10s, minimum is 30 seconds",
                error("lame_duck_duration: \"10s\""));
        assertEquals("server.conf:1:25: invalid lame_duck_grace_period, needs to be positive",
                error("lame_duck_grace_period: \"-1s\""));
        assertEquals("server.conf:1:21: lame_duck_duration: expected a string but got integer 60",
                error("lame_duck_duration: 60"));
    }

    @Test
    void tlsMakesTheAuthTimeoutLonger() throws IOException {
        assertEquals(Duration.ofSeconds(3), load("tls { cert_file: a.pem, key_file: b.pem }").authTimeout());
        assertEquals(Duration.ofSeconds(6), load("tls { timeout: 5 }").authTimeout());
        assertEquals(Duration.ofSeconds(2), load("tls { timeout: 5 }", "--tls=false").authTimeout());
        assertEquals(Duration.ofSeconds(3),
                ServerOptions.load("--tls", "--tlscert", "a.pem", "--tlskey", "b.pem").authTimeout());
    }

    @Test
    void variablesFromTheEnvironment() throws IOException {
        assertEquals(4555, load("port: $SB_TEST_PORT").port());
    }

    @Test
    void flagsOverrideTheFile() throws IOException {
        ServerOptions options = load("""
                port: 4333
                host: 127.0.0.1
                server_name: file
                debug: false
                logtime: true
                authorization { user: a, password: b }
                http_port: 8222
                """, "-p", "5555", "-a", "0.0.0.0", "-n", "flag", "-D", "-T=false", "--user", "x", "--pass", "y",
                "-m", "9222", "-l", "/tmp/l.log", "-P", "/tmp/p.pid", "--ports_file_dir", "/tmp", "-s",
                "-r", "udp://h:1", "--max_traced_msg_len", "9", "--client_advertise", "adv", "--profile", "7070",
                "-ms", "9443", "--log_size_limit", "100");
        assertEquals(5555, options.port());
        assertEquals("0.0.0.0", options.host());
        assertEquals("flag", options.serverName());
        assertTrue(options.debug());
        assertFalse(options.logtime());
        assertEquals("x", options.username());
        assertEquals("y", options.password());
        assertEquals(9222, options.httpPort());
        assertEquals(9443, options.httpsPort());
        assertEquals("/tmp/l.log", options.logFile());
        assertEquals("/tmp/p.pid", options.pidFile());
        assertEquals("/tmp", options.portsFileDir());
        assertTrue(options.syslog());
        assertEquals("udp://h:1", options.remoteSyslog());
        assertEquals(9, options.maxTracedMsgLen());
        assertEquals("adv", options.clientAdvertise());
        assertEquals(7070, options.profPort());
        assertEquals(100, options.logSizeLimit());
    }

    @Test
    void flagsNotGivenLeaveTheFileAlone() throws IOException {
        ServerOptions options = load("debug: true\nlogtime: false\nport: 4333", "-V");
        assertTrue(options.debug());
        assertTrue(options.trace());
        assertFalse(options.logtime());
        assertEquals(4333, options.port());
    }

    @Test
    void combinedLoggingFlags() {
        ServerOptions dv = ServerOptions.load("-DV");
        assertTrue(dv.debug() && dv.trace() && !dv.traceVerbose());
        ServerOptions dvv = ServerOptions.load("-DVV");
        assertTrue(dvv.debug() && dvv.trace() && dvv.traceVerbose());
        ServerOptions vv = ServerOptions.load("-VV", "-D=false");
        assertTrue(!vv.debug() && vv.trace() && vv.traceVerbose());
        ServerOptions off = ServerOptions.load("-D", "-DV=false");
        assertFalse(off.debug() || off.trace());
    }

    @Test
    void authTokenFlag() {
        assertEquals("secret", ServerOptions.load("--auth", "secret").authorizationToken());
    }

    @Test
    void routesNeedACluster() throws IOException {
        assertEquals("solicited routes require cluster capabilities, e.g. --cluster",
                assertThrows(ConfigException.class, () -> ServerOptions.load("--routes", "nats://a:6222")).getMessage());
        ServerOptions options = ServerOptions.load("--routes", "nats://a:6222", "--cluster", "nats://127.0.0.1:6222");
        assertEquals(Optional.of(List.of("nats://a:6222")), options.commandLine().routes());
        assertEquals(List.of("nats://a:6222"), load("cluster { port: 6222 }", "--routes", "nats://a:6222")
                .commandLine().routes().orElseThrow());
    }

    @Test
    void checkModeNeedsAFile() {
        assertEquals("must specify [-c, --config] option to check configuration file syntax",
                assertThrows(ConfigException.class, () -> ServerOptions.load("-t")).getMessage());
    }

    @Test
    void helpVersionAndSignalsDoNotReadTheFile() {
        assertTrue(ServerOptions.load("-h", "-c", "/nonexistent/x.conf").commandLine().helpRequested());
        assertTrue(ServerOptions.load("-c", "/nonexistent/x.conf", "version").commandLine().versionRequested());
        assertTrue(ServerOptions.load("-sl", "reload", "-c", "/nonexistent/x.conf").commandLine().signal().isPresent());
    }

    @Test
    void missingConfigFileIsAnError() {
        ConfigException e = assertThrows(ConfigException.class, () -> ServerOptions.load("-c", "/nonexistent/x.conf"));
        assertTrue(e.getMessage().startsWith("/nonexistent/x.conf: cannot read configuration file"), e.getMessage());
    }

    @Test
    void reloadReadsTheFileAgainWithTheSameFlags() throws IOException {
        Path file = write("port: 4333\nmax_payload: 1KB\n");
        ServerOptions first = ServerOptions.load("-c", file.toString(), "-D");
        Files.writeString(file, "port: 4334\nmax_payload: 2KB\n");
        ServerOptions second = first.reload(Map.of());
        assertEquals(4334, second.port());
        assertEquals(2048, second.maxPayload());
        assertTrue(second.debug());
        assertEquals(first.commandLine(), second.commandLine());
        assertEquals(second, second.reload(Map.of()));
    }
}
