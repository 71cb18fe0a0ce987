package io.switchboard.core.spi.link;

import io.netty.buffer.Unpooled;
import io.switchboard.core.protocol.RecordingAllocator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Route, gateway and leaf node streams made of protocol fragments and stray bytes: parsed whole
 * and cut in two at every byte, they give the same operations and the same protocol error;
 * nothing but a {@link LinkProtocolException} escapes, and a declared message size reserves no
 * memory for bytes that have not arrived.
 */
class LinkParserFuzzTest {

    private static final String[] OPERATIONS = {
        "RS+ $G foo\r\n", "RS+ $G foo q 3\r\n", "RS- $G foo\r\n", "RS- $G foo q\r\n", "A+ $G\r\n", "A- $G\r\n",
        "RMSG $G foo 5\r\nhello\r\n", "RMSG $G foo + r q1 q2 2\r\nhi\r\n", "RMSG $G foo | q 0\r\n\r\n",
        "RMSG $G foo 999999999\r\n", "RMSG $G foo 1048576\r\n", "HMSG $G foo 12 14\r\nNATS/1.0\r\n\r\nhi\r\n",
        "HMSG foo 12 100000\r\n", "LS+ foo\r\n", "LS+ foo q 2\r\n", "LS- foo\r\n", "LMSG foo 2\r\nhi\r\n",
        "LMSG foo + r q 65536\r\n", "INFO {}\r\n", "CONNECT {}\r\n", "PING\r\n", "PONG\r\n", "+OK\r\n",
        "-ERR 'x'\r\n",
    };

    private static final String[] FRAGMENTS = {
        "RS+", "RS-", "A+", "A-", "RMSG", "HMSG", "LS+", "LS-", "LMSG", "INFO", "PING", " ", "\t", "\r", "\n",
        "\r\n", "$G", "foo", "+", "|", "q", "0", "1", "12", "-3", "1234567890", "\u00ff", "\0",
    };

    @Property
    void everyCutGivesTheSameOperationsAsTheWholeStream(@ForAll("streams") byte[] stream, @ForAll boolean leaf) {
        List<String> whole = parse(stream, leaf);
        for (int cut = 1; cut < stream.length; cut++) {
            assertThat(parse(stream, leaf, cut)).as("cut at %d", cut).isEqualTo(whole);
        }
    }

    @Provide
    Arbitrary<byte[]> streams() {
        Arbitrary<String> fragment = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of(OPERATIONS)),
                Tuple.of(6, Arbitraries.of(FRAGMENTS)),
                Tuple.of(1, Arbitraries.strings().withCharRange('\0', '\u00ff').ofMaxLength(6)));
        return fragment.list().ofMaxSize(30)
                .map(parts -> String.join("", parts).getBytes(StandardCharsets.ISO_8859_1));
    }

    private static List<String> parse(byte[] stream, boolean leaf, int... cuts) {
        RecordingLinkOps ops = new RecordingLinkOps();
        RecordingAllocator allocator = new RecordingAllocator();
        LinkParser parser = new LinkParser(ops, allocator, leaf);
        List<String> outcome = new ArrayList<>();
        try {
            int from = 0;
            for (int i = 0; i <= cuts.length; i++) {
                int to = i < cuts.length ? cuts[i] : stream.length;
                parser.parse(Unpooled.wrappedBuffer(stream, from, to - from));
                assertThat(allocator.takeLargest()).as("bytes reserved by a read of %d", to - from)
                        .isLessThanOrEqualTo(to - from);
                from = to;
            }
        } catch (LinkProtocolException e) {
            outcome.add("error " + e.getMessage());
        } finally {
            parser.release();
        }
        outcome.addAll(0, ops.seen);
        return outcome;
    }
}
