package io.switchboard.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfParserTest {

    private static final Map<String, String> ENV = Map.of(
            "SB_PORT", "4333",
            "SB_HOSTS", "[a, b ]",
            "SB_WORD", "hello",
            "SB_SIZE", "2kb",
            "SB_LOOP", "$SB_LOOP");

    private static ConfigTree parse(String text) {
        return new ConfParser(ENV).parse(text, "test.conf");
    }

    private static Object value(String text, String key) {
        return parse(text).get(key).orElseThrow().toJava();
    }

    private static String error(String text) {
        return assertThrows(ConfigException.class, () -> parse(text)).getMessage();
    }

    @Nested
    class Structure {

        @ParameterizedTest
        @ValueSource(strings = {"port = 4222", "port: 4222", "port 4222", "port=4222", "port\t:\t4222",
            "port 4222;", "port: 4222 # comment", "port: 4222 // comment", "\n\n  port: 4222\n"})
        void keySeparatorsAndTerminators(String text) {
            assertEquals(Map.of("port", 4222L), parse(text).toJava());
        }

        @Test
        void valueMayFollowOnTheNextLineWithoutSeparator() {
            assertEquals(Map.of("a", "b"), parse("a\nb").toJava());
        }

        @Test
        void commentsAreIgnoredEverywhere() {
            String text = """
                    # hash comment
                    // slash comment
                    a { # inside a map
                      b: 1 // after a value
                      // own line
                    }
                    c [ # inside an array
                      1, # after an element
                      2 // slash
                    ]
                    """;
            assertEquals(Map.of("a", Map.of("b", 1L), "c", List.of(1L, 2L)), parse(text).toJava());
        }

        @Test
        void severalEntriesOnOneLine() {
            assertEquals(Map.of("a", 1L, "b", 2L, "c", 3L), parse("a: 1; b: 2, c: 3").toJava());
        }

        @Test
        void nestedMapsWithAnySeparator() {
            String text = """
                    cluster {
                      listen = 127.0.0.1:6222
                      authorization: { user: route; password: "pw", timeout: 0.5 }
                      tls { cert_file: "a.pem" }
                    }
                    """;
            assertEquals(Map.of("cluster", Map.of(
                    "listen", "127.0.0.1:6222",
                    "authorization", Map.of("user", "route", "password", "pw", "timeout", 0.5),
                    "tls", Map.of("cert_file", "a.pem"))), parse(text).toJava());
        }

        @Test
        void arraysSeparatedByCommasOrNewLines() {
            String text = """
                    a = [1, "two", three, 4.5, true, {x: 1}, [nested, 2 ], ]
                    b = [
                      nats://h1:4222
                      nats://h2:4222,
                    ]
                    c = []
                    """;
            ConfigTree tree = parse(text);
            assertEquals(List.of(1L, "two", "three", 4.5, true, Map.of("x", 1L), List.of("nested", 2L)),
                    tree.get("a").orElseThrow().toJava());
            assertEquals(List.of("nats://h1:4222", "nats://h2:4222"), tree.get("b").orElseThrow().toJava());
            assertEquals(List.of(), tree.get("c").orElseThrow().toJava());
        }

        @Test
        void anIntegerDirectlyBeforeTheClosingBracketSwallowsItAsNatsServerDoes() {
            assertEquals(List.of(1L, 2L), value("a = [1, 2 ]", "a"));
            assertEquals(List.of(1L, 2L), value("a = [1, 2,]", "a"));
            assertEquals(List.of(-1L), value("a = [-1]", "a"));
            String message = error("a = [1, 2]\n");
            assertEquals("test.conf:2:1: unexpected end of file, expected ']' to close the array started at "
                    + "test.conf:1:5 (the ']' at test.conf:1:10 belongs to the number before it, as in "
                    + "nats-server: put a space or ',' before it)", message);
        }

        @Test
        void bracesAroundTheWholeDocumentAllowJson() {
            String json = """
                    {
                      "port": 4222,
                      "cluster": {"name": "c1", "routes": ["nats://a:6222", "nats://b:6222"]},
                      "debug": true
                    }
                    """;
            assertEquals(Map.of("port", 4222L, "debug", true,
                    "cluster", Map.of("name", "c1", "routes", List.of("nats://a:6222", "nats://b:6222"))),
                    parse(json).toJava());
        }

        @Test
        void quotedKeysMayHoldAnyCharacter() {
            assertEquals(Map.of("a key", 1L, "b:c", 2L, "x", Map.of("y z", 3L)),
                    parse("\"a key\" = 1\n'b:c' = 2\nx { \"y z\": 3 }").toJava());
        }

        @Test
        void laterDuplicateKeysWin() {
            assertEquals(2L, value("a = 1\na = 2", "a"));
        }

        @Test
        void keysKeepTheirWrittenOrder() {
            assertEquals(List.of("z", "a", "m"), List.copyOf(parse("z 1\na 2\nm 3").keys()));
        }

        @Test
        void multiLineBlocks() {
            String text = "text (\n  first line\n  second (line)\n)\nafter: 1\n";
            ConfigTree tree = parse(text);
            assertEquals("\n  first line\n  second (line)\n", tree.get("text").orElseThrow().asString());
            assertEquals(1L, tree.get("after").orElseThrow().asLong());
        }

        @Test
        void emptyValueAtEndOfFileIsAnEmptyString() {
            assertEquals("", value("a =", "a"));
        }
    }

    @Nested
    class Strings {

        @Test
        void doubleQuotedStringsUnderstandEscapes() {
            assertEquals("tab\there\nnew\rret \"q\" back\\slash A é",
                    value("s = \"tab\\there\\nnew\\rret \\\"q\\\" back\\\\slash \\x41 \\xc3\\xa9\"", "s"));
        }

        @Test
        void singleQuotedStringsAreRaw() {
            assertEquals("no \\n escape", value("s = 'no \\n escape'", "s"));
        }

        @Test
        void unquotedStringsRunToTheEndOfTheWord() {
            ConfigTree tree = parse("a = nats://user:pw@host:4222\nb = /var/run/x#1");
            assertEquals("nats://user:pw@host:4222", tree.get("a").orElseThrow().asString());
            assertEquals("/var/run/x#1", tree.get("b").orElseThrow().asString());
            assertTrue(error("c = foo bar").startsWith("test.conf:1:9: expected a new line"));
        }

        @Test
        void aSingleQuoteEndsAnUnquotedWord() {
            assertEquals("abc", value("a = abc'", "a"));
        }

        @Test
        void quotedBooleansAndNumbersStayStrings() {
            ConfigTree tree = parse("a = \"true\"\nb = '42'");
            assertEquals("true", tree.get("a").orElseThrow().asString());
            assertEquals("42", tree.get("b").orElseThrow().asString());
        }

        @Test
        void wordsStartingWithDigitsAreStrings() {
            assertEquals("123abc", value("a = 123abc", "a"));
            assertEquals("1kx", value("a = 1kx", "a"));
        }

        @Test
        void badEscapeIsAnErrorAtTheEscapedCharacter() {
            assertEquals("test.conf:1:8: invalid escape character 'q'; only \\xXX, \\t, \\n, \\r, \\\" and \\\\ are allowed",
                    error("a = \"x\\q\""));
            assertEquals("test.conf:1:9: expected two hexadecimal digits after '\\x'", error("a = \"x\\xZZ\""));
        }
    }

    @Nested
    class Numbers {

        @ParameterizedTest
        @CsvSource({
            "0, 0", "42, 42", "-7, -7", "007, 7",
            "1k, 1000", "1K, 1000", "1kb, 1024", "1KB, 1024", "1ki, 1024", "1KiB, 1024",
            "2m, 2000000", "2mb, 2097152", "2Mi, 2097152", "2MiB, 2097152",
            "3g, 3000000000", "3gb, 3221225472", "3gib, 3221225472",
            "1t, 1000000000000", "1tb, 1099511627776",
            "1p, 1000000000000000", "1pb, 1125899906842624",
            "1e, 1000000000000000000", "1eb, 1152921504606846976",
            "-1k, -1000", "9223372036854775807, 9223372036854775807"})
        void integersAndSizes(String written, long expected) {
            assertEquals(expected, value("n = " + written, "n"));
        }

        @Test
        void floats() {
            assertEquals(1.5, value("f = 1.5", "f"));
            assertEquals(-0.25, value("f = -0.25", "f"));
        }

        @Test
        void ipAddressesAreStrings() {
            assertEquals("127.0.0.1", value("a = 127.0.0.1", "a"));
            assertEquals("10.0.0.1:4222", value("a = 10.0.0.1:4222", "a"));
        }

        @Test
        void zuluDateTimes() {
            assertEquals(Instant.parse("2024-02-29T12:34:56Z"), value("d = 2024-02-29T12:34:56Z", "d"));
        }

        @Test
        void numberErrors() {
            assertEquals("test.conf:1:5: floats must start with a digit", error("f = .5"));
            assertEquals("test.conf:1:7: floats must have a digit after the '.' but found 'x'", error("f = 1.x"));
            assertEquals("test.conf:1:7: a datetime must be in the full Zulu form 2006-01-02T15:04:05Z",
                    error("d = 12-34"));
            assertEquals("test.conf:1:5: expected Zulu formatted DateTime, but got '2023-02-29T00:00:00Z'",
                    error("d = 2023-02-29T00:00:00Z"));
            assertEquals("test.conf:1:5: integer '9223372036854775808' is out of the range",
                    error("n = 9223372036854775808"));
            assertEquals("test.conf:1:5: integer '10e' is out of the range", error("n = 10e"));
            assertTrue(error("n = 1kbb").startsWith("test.conf:1:5: unknown size unit 'kbb' in '1kbb'"));
            assertEquals("test.conf:1:6: expected a digit but got 'x'", error("n = -x"));
        }
    }

    @Nested
    class Booleans {

        @ParameterizedTest
        @ValueSource(strings = {"true", "TRUE", "yes", "Yes", "on", "ON"})
        void trueWords(String word) {
            assertEquals(true, value("b = " + word, "b"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"false", "False", "no", "NO", "off", "Off"})
        void falseWords(String word) {
            assertEquals(false, value("b = " + word, "b"));
        }
    }

    @Nested
    class Positions {

        @Test
        void valuesAndKeysKnowWhereTheyWereWritten() {
            ConfigTree tree = parse("# header\nport: 4222\ncluster {\n  name:  \"c1\"\n  routes = [\n    a\n  ]\n}\n");
            assertEquals(new Position("test.conf", 2, 1), tree.entry("port").orElseThrow().keyPosition());
            assertEquals(new Position("test.conf", 2, 7), tree.get("port").orElseThrow().position());
            ConfigTree cluster = tree.block("cluster").orElseThrow();
            assertEquals(new Position("test.conf", 3, 9), cluster.position());
            assertEquals(new Position("test.conf", 4, 10), cluster.get("name").orElseThrow().position());
            ConfigValue routes = cluster.get("routes").orElseThrow();
            assertEquals(new Position("test.conf", 5, 12), routes.position());
            assertEquals(new Position("test.conf", 6, 5), routes.asList().get(0).position());
        }

        @Test
        void columnsCountCharactersNotBytes() {
            assertEquals(new Position("test.conf", 1, 14), parse("é = \"ü\"; x = 1").get("x").orElseThrow().position());
        }
    }

    @Nested
    class Errors {

        @Test
        void messagesNameFileLineAndColumn() {
            assertEquals("test.conf:1:1: unexpected key separator '=', expected a key", error("= 1"));
            assertEquals("test.conf:1:5: expected a value but found a new line", error("a = \n1"));
            assertEquals("test.conf:3:1: unexpected end of file, expected '}' to close the map started at test.conf:1:3",
                    error("a {\n  b = 1\n"));
            assertEquals("test.conf:2:1: unexpected ',' in array, expected a value or ']'", error("a [\n, 1]"));
            assertEquals("test.conf:1:11: expected ',', ';', a new line or '}' after a map value but found ']'",
                    error("a { b = 1 ]"));
            assertEquals("test.conf:1:9: expected a value for 'b' but found '}'", error("a { b = }"));
            assertEquals("test.conf:1:5: string is not closed before the end of file", error("a = \"abc"));
            assertEquals("test.conf:1:1: unexpected '/', comments start with '#' or '//'", error("/a = 1"));
            assertEquals("test.conf:1:5: block string is not closed: it ends with a line holding only ')'",
                    error("a = (\nabc"));
        }

        @Test
        void messagesAreASingleLine() {
            String message = error("a = \"x\\\n\"");
            assertFalse(message.contains("\n"), message);
            assertEquals("test.conf:1:8: invalid escape character '\\n'; only \\xXX, \\t, \\n, \\r, \\\" and \\\\ are allowed",
                    message);
        }

        @Test
        void inputEndingInsideAnEmptyQuotedTokenEndsTheDocumentQuietlyAsInNatsServer() {
            assertEquals(Map.of("a", 1L), parse("a = 1\nb = '").toJava());
        }
    }

    @Nested
    class Variables {

        @Test
        void earlierKeysOfTheSameOrEnclosingMaps() {
            String text = """
                    port = 4222
                    limits { max = 10; inner { copy = $max, outer = $port } }
                    again = $port
                    """;
            ConfigTree tree = parse(text);
            assertEquals(Map.of("copy", 10L, "outer", 4222L),
                    tree.block("limits").orElseThrow().get("inner").orElseThrow().toJava());
            assertEquals(4222L, tree.get("again").orElseThrow().asLong());
        }

        @Test
        void innerKeysShadowOuterOnes() {
            ConfigTree tree = parse("a = 1\nb { a = 2; c = $a }\nd = $a");
            assertEquals(2L, tree.block("b").orElseThrow().get("c").orElseThrow().asLong());
            assertEquals(1L, tree.get("d").orElseThrow().asLong());
        }

        @Test
        void mapsAndArraysCanBeReferenced() {
            ConfigTree tree = parse("perms = {publish: \">\"}\nusers = [ {user: a, permissions: $perms} ]");
            assertEquals(Map.of("publish", ">"), ((Map<?, ?>) ((List<?>) tree.get("users").orElseThrow().toJava()).get(0))
                    .get("permissions"));
        }

        @Test
        void aReferenceReportsWhereItIsUsed() {
            ConfigValue used = parse("a = \"x\"\nb = $a").get("b").orElseThrow();
            assertEquals(new Position("test.conf", 2, 5), used.position());
        }

        @Test
        void referencedKeysAreMarked() {
            ConfigTree tree = parse("A = 1\nB = 2\nc = $A");
            assertTrue(tree.entry("A").orElseThrow().referencedAsVariable());
            assertFalse(tree.entry("B").orElseThrow().referencedAsVariable());
        }

        @Test
        void environmentVariablesAreReadAsValues() {
            ConfigTree tree = parse("port = $SB_PORT\nhosts = $SB_HOSTS\nword = $SB_WORD\nsize = $SB_SIZE");
            assertEquals(4333L, tree.get("port").orElseThrow().asLong());
            assertEquals(List.of("a", "b"), tree.get("hosts").orElseThrow().toJava());
            assertEquals("hello", tree.get("word").orElseThrow().asString());
            assertEquals(2048L, tree.get("size").orElseThrow().asLong());
        }

        @Test
        void fileKeysComeBeforeTheEnvironment() {
            assertEquals(1L, value("SB_PORT = 1\np = $SB_PORT", "p"));
        }

        @Test
        void undefinedVariablesAreErrors() {
            assertEquals("test.conf:2:9: variable reference for 'NOPE' can not be found", error("a = 1\nb = [1, $NOPE]"));
            assertEquals("test.conf:1:5: variable reference for 'later' can not be found", error("a = $later\nlater = 1"));
        }

        @Test
        void environmentCyclesAreErrors() {
            assertEquals("test.conf:1:5: variable reference cycle for 'SB_LOOP'", error("a = $SB_LOOP"));
        }

        @Test
        void bcryptHashesAreNotVariables() {
            assertEquals("$2a$11$abcdefghijklmnopqrstuv", value("p = $2a$11$abcdefghijklmnopqrstuv", "p"));
        }

        @Test
        void quotedDollarIsNotAVariable() {
            assertEquals("$G", value("a = \"$G\"", "a"));
        }
    }

    @Nested
    class Includes {

        @TempDir
        Path dir;

        private Path write(String name, String content) throws IOException {
            Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
            return file;
        }

        @Test
        void includesAreRelativeToTheIncludingFile() throws IOException {
            write("conf.d/auth.conf", "authorization { user: a, password: b }\ninclude more/limits.conf\n");
            write("conf.d/more/limits.conf", "max_payload: 1MB\n");
            Path main = write("main.conf", "port: 4222\ninclude conf.d/auth.conf\ncluster { include 'conf.d/more/limits.conf' }\n");
            ConfigTree tree = new ConfParser(Map.of()).parseFile(main);
            assertEquals(Map.of("port", 4222L, "authorization", Map.of("user", "a", "password", "b"),
                    "max_payload", 1048576L, "cluster", Map.of("max_payload", 1048576L)), tree.toJava());
        }

        @Test
        void includedValuesKeepTheirOwnFileInPositions() throws IOException {
            Path included = write("inc.conf", "\n  port: 1\n");
            Path main = write("main.conf", "include \"inc.conf\"\n");
            ConfigValue port = new ConfParser(Map.of()).parseFile(main).get("port").orElseThrow();
            assertEquals(new Position(included.toString(), 2, 9), port.position());
        }

        @Test
        void includedKeysAreVariablesAfterwardsButIncludedFilesDoNotSeeTheIncluder() throws IOException {
            write("vars.conf", "SHARED = 7\n");
            write("uses.conf", "x = $MAIN_ONLY\n");
            Path main = write("main.conf", "include vars.conf\na = $SHARED\n");
            assertEquals(7L, new ConfParser(Map.of()).parseFile(main).get("a").orElseThrow().asLong());
            Path bad = write("bad.conf", "MAIN_ONLY = 1\ninclude uses.conf\n");
            ConfigException e = assertThrows(ConfigException.class, () -> new ConfParser(Map.of()).parseFile(bad));
            assertEquals(dir.resolve("uses.conf") + ":1:5: variable reference for 'MAIN_ONLY' can not be found",
                    e.getMessage());
        }

        @Test
        void errorsInIncludedFilesPointIntoThem() throws IOException {
            write("broken.conf", "a {\n");
            Path main = write("main.conf", "include broken.conf\n");
            ConfigException e = assertThrows(ConfigException.class, () -> new ConfParser(Map.of()).parseFile(main));
            assertEquals(dir.resolve("broken.conf") + ":2:1: unexpected end of file, expected '}' to close the map started at "
                    + dir.resolve("broken.conf") + ":1:3", e.getMessage());
        }

        @Test
        void missingIncludeIsAnErrorAtThePath() throws IOException {
            Path main = write("main.conf", "port: 1\ninclude  nothere.conf\n");
            ConfigException e = assertThrows(ConfigException.class, () -> new ConfParser(Map.of()).parseFile(main));
            assertTrue(e.getMessage().startsWith(main + ":2:10: error parsing include file 'nothere.conf': "), e.getMessage());
        }

        @Test
        void includeCyclesAreErrors() throws IOException {
            write("a.conf", "include b.conf\n");
            write("b.conf", "include a.conf\n");
            ConfigException e = assertThrows(ConfigException.class,
                    () -> new ConfParser(Map.of()).parseFile(dir.resolve("a.conf")));
            assertTrue(e.getMessage().contains("include cycle"), e.getMessage());
        }

        @Test
        void includeNeedsAPath() {
            assertEquals("test.conf:1:9: expected an include path but found the start of a map", error("include {a: 1}"));
        }

        @Test
        void missingFileIsAnError() {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> new ConfParser(Map.of()).parseFile(dir.resolve("absent.conf")));
            assertTrue(e.getMessage().startsWith(dir.resolve("absent.conf") + ": cannot read configuration file"));
        }
    }

    @Nested
    class Trees {

        @Test
        void lookupIgnoresCaseAndAcceptsSeveralSpellings() {
            ConfigTree tree = parse("Leaf { port: 1 }");
            assertEquals(1L, tree.lookup("leafnodes", "leaf").orElseThrow().value().asTree().get("port").orElseThrow().asLong());
        }

        @Test
        void blockOfANonMapIsATypeError() {
            ConfigException e = assertThrows(ConfigException.class, () -> parse("cluster = 5").block("cluster"));
            assertEquals("test.conf:1:11: cluster: expected a map but got integer 5", e.getMessage());
        }

        @Test
        void equalityIgnoresPositionsAndOrder() {
            assertEquals(parse("a 1\nb { c: [1, x ] }"), parse("b: {c: [1, \"x\"]}; a = 1"));
            assertEquals(parse("a 1\nb 2").hashCode(), parse("b 2\na 1").hashCode());
        }

        @Test
        void accessorsCheckTypes() {
            ConfigException e = assertThrows(ConfigException.class, () -> parse("a = \"x\"").get("a").orElseThrow().asLong());
            assertEquals("test.conf:1:5: expected an integer but got string \"x\"", e.getMessage());
        }
    }
}
