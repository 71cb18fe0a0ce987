package io.switchboard.core.config;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Configuration texts made of the format's tokens and stray characters: reading one, and loading
 * the options from it, either succeeds or fails with a {@link ConfigException}, the one error the
 * launcher reports as a bad configuration; nothing else escapes.
 */
class ConfigFuzzTest {

    private static final String[] FRAGMENTS = {
        "port", "listen", "max_payload", "max_connections", "max_control_line", "write_deadline", "authorization",
        "users", "user", "password", "token", "accounts", "permissions", "publish", "subscribe", "allow", "deny",
        "cluster", "routes", "gateway", "leafnodes", "websocket", "mqtt", "tls", "timeout", "ping_interval",
        "mappings", "imports", "exports", "stream", "service", "account", "server_name", "debug", "trace",
        " ", "\t", "\n", "\r\n", ":", "=", " : ", " = ", "{", "}", "[", "]", ",", ";", "\"", "'", "#", "//", "\\",
        "$", "$port", "$UNDEFINED", "-", ".", "4222", "0", "-1", "99999999999999999999", "1e400", "1.5", "0x10",
        "1MB", "1KB", "64M", "2s", "1m", "-5s", "100ms", "2020-01-01T00:00:00Z", "true", "false", "yes", "off",
        "nats://127.0.0.1:4248", "localhost:-1", "[::1]:4222", "foo.>", "*", "\u00e9", "\0",
    };

    @Property
    void aTextIsReadOrRefusedWithAConfigException(@ForAll("texts") String text) {
        try {
            new ConfParser(Map.of()).parse(text, "fuzz.conf");
        } catch (ConfigException refused) {
            // the one declared way to refuse a text
        }
    }

    @Property
    void optionsAreLoadedOrRefusedWithAConfigException(@ForAll("texts") String text) {
        Path file = write(text);
        try {
            ServerOptions.load(CommandLine.parse("-c", file.toString()), Map.of());
        } catch (ConfigException refused) {
            // the one declared way to refuse a configuration
        } finally {
            delete(file);
        }
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> fragment = Arbitraries.frequencyOf(
                Tuple.of(10, Arbitraries.of(FRAGMENTS)),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(4)));
        return fragment.list().ofMaxSize(40).map(parts -> String.join("", parts));
    }

    private static Path write(String text) {
        try {
            Path file = Files.createTempFile("fuzz", ".conf");
            Files.writeString(file, text);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
