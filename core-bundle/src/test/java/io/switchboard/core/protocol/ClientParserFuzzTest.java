package io.switchboard.core.protocol;

import io.netty.buffer.Unpooled;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Streams made of protocol fragments and stray bytes, as nats-server's FuzzParser makes them: each
 * is parsed whole and cut in two at every byte, and every way must give the same operations and
 * the same protocol error; nothing but a {@link ProtocolViolation} may escape, and no buffer is
 * reserved for payload bytes that have not arrived.
 */
class ClientParserFuzzTest {

    private static final int MAX_CONTROL_LINE = 4096;
    private static final int MAX_PAYLOAD = 1024 * 1024;

    private static final String[] FRAGMENTS = {
        "PUB ", "pub\t", "HPUB ", "SUB ", "sub ", "UNSUB ", "CONNECT ", "INFO ", "PING", "PONG", "+OK", "-ERR ",
        "P", "H", "S", "U", "C", "I", "-", "+",
        "foo", "foo.bar", "foo.*", ">", "_INBOX.x", "q", "1", "2", "0", "3", "5", "12", "14", "007",
        "65536", "1048576", "1048577", "999999999", "1234567890", "-1",
        " ", "  ", "\t", "\r", "\n", "\r\n", "\r\n\r\n", "NATS/1.0\r\n\r\n", "NATS/1.0\r\nk: v\r\n\r\n",
        "{}", "{\"verbose\":false,\"headers\":true}", "'x'", "hello", "\u00ff", "\0",
    };

    /** Whole operations, so that a generated stream often gets past the control line to a payload. */
    private static final String[] OPERATIONS = {
        "PUB foo 5\r\nhello\r\n", "PUB foo reply 0\r\n\r\n", "PUB foo 65536\r\n", "PUB foo 1048576\r\n",
        "PUB foo 1048577\r\n", "HPUB foo 12 14\r\nNATS/1.0\r\n\r\nhi\r\n", "HPUB foo r 12 100000\r\n",
        "HPUB foo 14 12\r\n", "SUB foo 1\r\n", "SUB foo q 2\r\n", "UNSUB 1\r\n", "UNSUB 1 x\r\n",
        "CONNECT {}\r\n", "PING\r\n", "PONG\r\n", "+OK\r\n", "-ERR 'x'\r\n", "INFO {}\r\n",
    };

    @Property
    void everyCutGivesTheSameOperationsAsTheWholeStream(@ForAll("streams") byte[] stream,
                                                       @ForAll boolean connectFirst) {
        List<String> whole = parse(stream, connectFirst);
        for (int cut = 1; cut < stream.length; cut++) {
            assertThat(parse(stream, connectFirst, cut)).as("cut at %d", cut).isEqualTo(whole);
        }
    }

    @Property
    void aStreamReadOneByteAtATimeGivesTheSameOperations(@ForAll("streams") byte[] stream) {
        int[] everyByte = new int[Math.max(0, stream.length - 1)];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = i + 1;
        }
        assertThat(parse(stream, false, everyByte)).isEqualTo(parse(stream, false));
    }

    @Test
    void aDeclaredPayloadReservesNoMoreThanTheBytesThatCame() {
        byte[] head = "PUB foo 1048576\r\nab".getBytes(StandardCharsets.ISO_8859_1);
        RecordingAllocator allocator = new RecordingAllocator();
        ClientParser parser = new ClientParser(new RecordingOps(), allocator, MAX_CONTROL_LINE, MAX_PAYLOAD);
        try {
            parser.parse(Unpooled.wrappedBuffer(head));
            assertThat(allocator.takeLargest()).isLessThanOrEqualTo(head.length);
        } catch (ProtocolViolation e) {
            throw new AssertionError(e);
        } finally {
            parser.release();
        }
    }

    @Provide
    Arbitrary<byte[]> streams() {
        Arbitrary<String> fragment = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of(OPERATIONS)),
                Tuple.of(8, Arbitraries.of(FRAGMENTS)),
                Tuple.of(1, Arbitraries.strings().withCharRange('\0', '\u00ff').ofMaxLength(6)));
        return fragment.list().ofMaxSize(40)
                .map(parts -> String.join("", parts).getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * The operations read from {@code stream} delivered in reads that end at {@code cuts}, then
     * the protocol error that stopped them, if any.
     */
    private static List<String> parse(byte[] stream, boolean connectFirst, int... cuts) {
        RecordingOps ops = new RecordingOps();
        RecordingAllocator allocator = new RecordingAllocator();
        ClientParser parser = new ClientParser(ops, allocator, MAX_CONTROL_LINE, MAX_PAYLOAD);
        parser.headers(true);
        parser.requireConnectFirst(connectFirst);
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
        } catch (ProtocolViolation e) {
            outcome.add("violation " + e.clientError() + " " + e.reason());
        } finally {
            parser.release();
        }
        outcome.addAll(0, ops.ops);
        return outcome;
    }
}
