package io.switchboard.core.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientParserTest {

    private static final String STREAM = "CONNECT {\"verbose\":false,\"name\":\"a b\"}\r\n"
            + "PING\r\npong\r\n"
            + "SUB foo.* 1\r\nsub\tbar  q1 \t 2\r\n"
            + "PUB foo.bar 5\r\nhello\r\n"
            + "pub foo.bar reply.x 0\r\n\r\n"
            + "HPUB foo.bar 12 14\r\nNATS/1.0\r\n\r\nhi\r\n"
            + "hpub foo.bar r 12 12\r\nNATS/1.0\r\n\r\n\r\n"
            + "PUB big 300\r\n" + "x".repeat(300) + "\r\n"
            + "UNSUB 1 10\r\nunsub 2\r\n+OK\r\n"
            + "PUB binary 4\r\n\r\n\r\n\r\n";

    private final RecordingOps ops = new RecordingOps();
    private final ClientParser sut = parser(ops, 4096, 1024 * 1024);

    /** A parser for a client that announced header support in its CONNECT. */
    private static ClientParser parser(ClientOps ops, int maxControlLine, int maxPayload) {
        ClientParser parser = new ClientParser(ops, ByteBufAllocator.DEFAULT, maxControlLine, maxPayload);
        parser.headers(true);
        return parser;
    }

    @Test
    void parsesEveryOperation() throws Exception {
        feed(STREAM);
        assertThat(ops.ops).containsExactly(
                "CONNECT {\"verbose\":false,\"name\":\"a b\"}",
                "PING", "PONG",
                "SUB foo.* null 1", "SUB bar q1 2",
                "PUBLISHING foo.bar", "PUB foo.bar null 0 [hello]",
                "PUBLISHING foo.bar", "PUB foo.bar reply.x 0 []",
                "PUBLISHING foo.bar", "PUB foo.bar null 12 [NATS/1.0\r\n\r\nhi]",
                "PUBLISHING foo.bar", "PUB foo.bar r 12 [NATS/1.0\r\n\r\n]",
                "PUBLISHING big", "PUB big null 0 [" + "x".repeat(300) + "]",
                "UNSUB 1 10", "UNSUB 2 0",
                "PUBLISHING binary", "PUB binary null 0 [\r\n\r\n]");
    }

    @Test
    void everySplitPointParsesTheSame() throws Exception {
        feed(STREAM);
        assertEverySplitParsesAs(STREAM, List.copyOf(ops.ops));
    }

    @Test
    void byteAtATimeParsesTheSame() throws Exception {
        feed(STREAM);
        List<String> whole = List.copyOf(ops.ops);
        RecordingOps single = new RecordingOps();
        ClientParser parser = parser(single, 4096, 1024 * 1024);
        for (byte b : STREAM.getBytes(StandardCharsets.ISO_8859_1)) {
            parser.parse(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        assertThat(single.ops).isEqualTo(whole);
    }

    @Test
    void aLongStreamParsesTheSameAtEverySplitAcrossItsCopyWindows() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 120; i++) {
            text.append("PUB subject.").append(i % 7).append(' ').append(i % 40).append("\r\n")
                    .append("y".repeat(i % 40)).append("\r\n");
        }
        text.append("PUB big 3000\r\n").append("z".repeat(3000)).append("\r\nPING\r\n");
        feed(text.toString());
        assertThat(ops.ops).hasSize(243);
        assertEverySplitParsesAs(text.toString(), List.copyOf(ops.ops));
    }

    @Test
    void theReadBufferIsConsumedWhetherPayloadsWereReadInPlaceOrGathered() throws Exception {
        ByteBuf whole = buf("PUB a 3\r\nabc\r\n");
        sut.parse(whole);
        assertThat(whole.readableBytes()).isZero();
        assertThat(whole.refCnt()).isEqualTo(1);
        ByteBuf head = buf("PUB a 3\r\nab");
        sut.parse(head);
        assertThat(head.readableBytes()).isZero();
        assertThat(head.refCnt()).isEqualTo(1);
        sut.parse(buf("c\r\n"));
        assertThat(ops.ops).containsExactly("PUBLISHING a", "PUB a null 0 [abc]", "PUBLISHING a", "PUB a null 0 [abc]");
    }

    @Test
    void aRepeatedSubjectIsOneStringInstance() throws Exception {
        feed("PUB same 1\r\na\r\nPUB other 1\r\nb\r\nPUB same 1\r\nc\r\n");
        assertThat(ops.subjects).containsExactly("same", "other", "same");
        assertThat(ops.subjects.get(2)).isSameAs(ops.subjects.get(0));
    }

    @Test
    void unknownVerbIsReportedAtTheFirstBadByte() {
        assertThatThrownBy(() -> feed("PUX")).isInstanceOf(ProtocolViolation.class)
                .extracting(e -> ((ProtocolViolation) e).clientError()).isEqualTo("Unknown Protocol Operation");
    }

    @Test
    void payloadLongerThanDeclaredIsAProtocolError() {
        assertThatThrownBy(() -> feed("PUB foo 2\r\nhello\r\n"))
                .extracting(e -> ((ProtocolViolation) e).clientError()).isEqualTo("Unknown Protocol Operation");
    }

    @Test
    void oversizePayloadIsRefusedBeforeItIsRead() {
        ClientParser small = parser(ops, 4096, 10);
        assertThatThrownBy(() -> small.parse(buf("PUB foo 11\r\n")))
                .extracting(e -> ((ProtocolViolation) e).clientError()).isEqualTo("Maximum Payload Violation");
    }

    @Test
    void overlongControlLineIsRefusedEvenWithoutItsEnd() {
        ClientParser small = parser(ops, 16, 1024);
        assertThatThrownBy(() -> small.parse(buf("SUB " + "a".repeat(20))))
                .extracting(e -> ((ProtocolViolation) e).clientError()).isEqualTo("maximum control line exceeded");
    }

    @Test
    void operationsBeforeConnectAreRefusedWhenAuthIsRequired() {
        sut.requireConnectFirst(true);
        assertThatThrownBy(() -> feed("PING\r\n"))
                .extracting(e -> ((ProtocolViolation) e).clientError()).isEqualTo("Authorization Violation");
    }

    @Test
    void wrongArgumentCountsAreParseErrors() {
        assertThatThrownBy(() -> feed("PUB foo\r\n")).isInstanceOf(ProtocolViolation.class)
                .hasMessageContaining("processPub Parse Error");
        assertThatThrownBy(() -> parser(ops, 4096, 1024).parse(buf("SUB foo\r\n")))
                .hasMessageContaining("processSub Parse Error");
    }

    @Test
    void headersAreRefusedUnlessConnectAnnouncedThem() {
        sut.headers(false);
        assertThatThrownBy(() -> feed("HPUB foo 12 14\r\n")).hasMessage("message headers not supported");
    }

    @Test
    void parserErrorsAreLoggedAsNatsServerLogsThem() {
        assertThatThrownBy(() -> feed("CONNECT {}\r\nFOO\r\n"))
                .hasMessage("Client parser ERROR, state=0, i=12: proto='\"FOO\\r\"...'");
        assertThatThrownBy(() -> parser(ops, 4096, 1024).parse(buf("PUB a 2\r\nabc\r\n")))
                .hasMessage("Client parser ERROR, state=41, i=11: proto='\"c\\r\"...'");
        assertThatThrownBy(() -> parser(ops, 4096, 1024).parse(buf("CONNEX\r\n")))
                .hasMessageStartingWith("Client parser ERROR, state=14, i=5:");
    }

    @Test
    void tracesEachOperationAsTheClientSentIt() throws Exception {
        List<String> traced = new ArrayList<>();
        sut.trace(recordingTrace(traced));
        feed("PING\r\nSUB  foo 1\r\nPUB foo 2\r\nhi\r\nUNSUB 1\r\n");
        assertThat(traced).containsExactly("PING", "SUB foo 1", "PUB foo 2", "payload hi", "UNSUB 1");
    }

    @Test
    void tracesPayloadsReadInPlaceAndGatheredAlike() throws Exception {
        byte[] bytes = "PUB foo 2\r\nhi\r\nPING\r\n".getBytes(StandardCharsets.ISO_8859_1);
        for (int cut = 1; cut < bytes.length; cut++) {
            List<String> traced = new ArrayList<>();
            ClientParser parser = parser(new RecordingOps(), 4096, 1024);
            parser.trace(recordingTrace(traced));
            parser.parse(Unpooled.wrappedBuffer(bytes, 0, cut));
            parser.parse(Unpooled.wrappedBuffer(bytes, cut, bytes.length - cut));
            assertThat(traced).as("cut at %d", cut).containsExactly("PUB foo 2", "payload hi", "PING");
        }
    }

    @Test
    void aPausedParserLeavesTheRestOfItsReadUnreadAndGoesOnWhenResumed() throws Exception {
        String text = "CONNECT {}\r\nPUB a 2\r\nhi\r\nPING\r\n";
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        for (int cut = 1; cut < bytes.length; cut++) {
            RecordingOps held = new RecordingOps();
            ClientParser parser = parser(held, 4096, 1024);
            held.onConnect = parser::pause;
            ByteBuf first = Unpooled.wrappedBuffer(bytes, 0, cut);
            parser.parse(first);
            ByteBuf rest = Unpooled.wrappedBuffer(bytes, cut, bytes.length - cut);
            parser.parse(rest);
            assertThat(held.ops).as("cut at %d", cut).containsExactly("CONNECT {}");
            int unread = first.readableBytes() + rest.readableBytes();
            assertThat(unread).as("cut at %d", cut).isEqualTo(bytes.length - "CONNECT {}\r\n".length());
            parser.resume();
            parser.parse(first);
            parser.parse(rest);
            assertThat(held.ops).as("cut at %d", cut)
                    .containsExactly("CONNECT {}", "PUBLISHING a", "PUB a null 0 [hi]", "PING");
        }
    }

    private static ProtocolTrace recordingTrace(List<String> traced) {
        return new ProtocolTrace() {
            @Override
            public void operation(String op, String arg) {
                traced.add(arg == null ? op : op + " " + arg);
            }

            @Override
            public void payload(ByteBuf buf, int from, int length) {
                traced.add("payload " + buf.toString(from, length, StandardCharsets.ISO_8859_1));
            }
        };
    }

    /** Feeds {@code text} in two reads, cut at every possible point, and expects the same operations each time. */
    private static void assertEverySplitParsesAs(String text, List<String> expected) throws ProtocolViolation {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        for (int cut = 1; cut < bytes.length; cut++) {
            RecordingOps split = new RecordingOps();
            ClientParser parser = parser(split, 4096, 1024 * 1024);
            parser.parse(Unpooled.wrappedBuffer(bytes, 0, cut));
            parser.parse(Unpooled.wrappedBuffer(bytes, cut, bytes.length - cut));
            assertThat(split.ops).as("cut at %d", cut).isEqualTo(expected);
        }
    }

    private void feed(String text) throws ProtocolViolation {
        sut.parse(buf(text));
    }

    private static ByteBuf buf(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1);
    }
}
