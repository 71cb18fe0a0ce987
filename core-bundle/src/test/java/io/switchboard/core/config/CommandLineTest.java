package io.switchboard.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CommandLineTest {

    private static String error(String... args) {
        return assertThrows(ConfigException.class, () -> CommandLine.parse(args)).getMessage();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-p 4333", "-p=4333", "--p 4333", "--port=4333", "-port 4333", "--port 4333"})
    void valueFlagSpellings(String line) {
        assertEquals(Optional.of(4333L), CommandLine.parse(line.split(" ")).integer("port"));
    }

    @Test
    void aliasesShareOneCanonicalName() {
        CommandLine commandLine = CommandLine.parse("-a", "127.0.0.1", "-n", "srv", "-m", "8222", "-c", "x.conf",
                "-P", "/tmp/pid", "-l", "/tmp/log", "-r", "udp://h:514", "-sl", "reload=/tmp/pid");
        assertEquals(Map.of("addr", "127.0.0.1", "server_name", "srv", "http_port", 8222L, "config", "x.conf",
                "pid", "/tmp/pid", "log", "/tmp/log", "remote_syslog", "udp://h:514", "signal", "reload=/tmp/pid"),
                commandLine.flags());
        assertEquals(Optional.of(Path.of("x.conf")), commandLine.configFile());
        assertEquals("srv", commandLine.string("name").orElseThrow());
    }

    @Test
    void theLastSpellingGivenWins() {
        assertEquals(Optional.of("b"), CommandLine.parse("--net", "a", "-addr", "b").string("a"));
    }

    @ParameterizedTest
    @CsvSource({"-D, true", "-D=true, true", "-D=false, false", "-D=0, false", "-D=T, true", "--debug=F, false",
        "-T=false, false"})
    void booleanFlags(String arg, boolean expected) {
        CommandLine commandLine = CommandLine.parse(arg);
        assertEquals(expected, commandLine.flags().values().iterator().next());
    }

    @Test
    void aBooleanFlagDoesNotTakeTheNextArgument() {
        assertEquals("unrecognized command: \"false\"", error("-D", "false"));
    }

    @ParameterizedTest
    @CsvSource({"0x10, 16", "0o17, 15", "017, 15", "0b101, 5", "1_000, 1000", "-1, -1", "+5, 5"})
    void integerFlagsUseGoSyntax(String text, long expected) {
        assertEquals(Optional.of(expected), CommandLine.parse("-p", text).integer("p"));
    }

    @Test
    void goErrorMessages() {
        assertEquals("flag provided but not defined: -xyz", error("-xyz"));
        assertEquals("flag provided but not defined: -xyz", error("--xyz=1"));
        assertEquals("flag needs an argument: -p", error("-p"));
        assertEquals("invalid value \"abc\" for flag -p: parse error", error("-p", "abc"));
        assertEquals("invalid value \"08\" for flag -port: parse error", error("--port=08"));
        assertEquals("invalid value \"99999999999999999999\" for flag -p: value out of range", error("-p", "99999999999999999999"));
        assertEquals("invalid boolean value \"maybe\" for -D: parse error", error("-D=maybe"));
        assertEquals("bad flag syntax: ---p", error("---p"));
        assertEquals("bad flag syntax: -=1", error("-=1"));
    }

    @Test
    void parsingStopsAtTheFirstNonFlagOrAfterDoubleDash() {
        assertEquals("unrecognized command: \"run\"", error("-D", "run", "-p", "1"));
        assertTrue(CommandLine.parse("--", "help").helpRequested());
        assertTrue(CommandLine.parse("-D", "VERSION").versionRequested());
    }

    @Test
    void helpVersionAndCheck() {
        assertTrue(CommandLine.parse("-h").helpRequested());
        assertTrue(CommandLine.parse("--help").helpRequested());
        assertTrue(CommandLine.parse("-v").versionRequested());
        assertTrue(CommandLine.parse("--help_tls").tlsHelpRequested());
        assertTrue(CommandLine.parse("-t", "-c", "a.conf").checkConfig());
        assertFalse(CommandLine.parse().checkConfig());
        assertTrue(CommandLine.usage().contains("--cluster_name"));
    }

    @Test
    void signals() {
        CommandLine.Signal stop = CommandLine.parse("--signal", "stop").signal().orElseThrow();
        assertEquals(new CommandLine.Signal("stop", Optional.empty()), stop);
        assertEquals("KILL", stop.processSignal());
        assertEquals(Optional.of("1234"), CommandLine.parse("-sl=ldm=1234").signal().orElseThrow().target());
        assertEquals("unknown signal \"kill\"", error("-sl", "kill"));
        assertEquals("invalid signal parameters: [b c]", error("-sl", "stop=a=b=c"));
    }

    @Test
    void clusterAndTlsFlagsAreKept() {
        CommandLine commandLine = CommandLine.parse("--cluster_listen", "nats://127.0.0.1:6222", "--cluster_name", "c1",
                "--routes", "nats://a:6222, nats://b:6222", "--no_advertise", "--connect_retries", "3",
                "--tls", "--tlscert", "c.pem", "--tlskey", "k.pem", "-js", "-sd", "/tmp/js");
        assertEquals(Optional.of("nats://127.0.0.1:6222"), commandLine.string("cluster"));
        assertEquals(Optional.of(List.of("nats://a:6222", "nats://b:6222")), commandLine.routes());
        assertEquals(Optional.of(true), commandLine.bool("no_advertise"));
        assertEquals(Optional.of(3L), commandLine.integer("connect_retries"));
        assertEquals(Map.of("tls", true, "tlscert", "c.pem", "tlskey", "k.pem"), commandLine.tlsFlags());
        assertEquals(Optional.of(true), commandLine.bool("js"));
        assertEquals(Optional.of("/tmp/js"), commandLine.string("store_dir"));
        assertEquals(Optional.of(List.of()), CommandLine.parse("--routes=").routes());
    }

    @Test
    void unknownNamesInAccessorsAreProgrammingErrors() {
        assertThrows(IllegalArgumentException.class, () -> CommandLine.empty().string("nope"));
    }
}
