package io.switchboard.core.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
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
    private final ClientParser sut = new ClientParser(ops, ByteBufAllocator.DEFAULT, 4096, 1024 * 1024);

    @Test
    void parsesEveryOperation() throws Exception {
        feed(STREAM);
        assertThat(ops.ops).containsExactly(
                "CONNECT {\"verbose\":false,\"name\":\"a b\"}",
                "PING", "PONG",
                "SUB foo.* null 1", "SUB bar q1 2",
                "PUB foo.bar null 0 [hello]",
                "PUB foo.bar reply.x 0 []",
                "PUB foo.bar null 12 [NATS/1.0\r\n\r\nhi]",
                "PUB foo.bar r 12 [NATS/1.0\r\n\r\n]",
                "PUB big null 0 [" + "x".repeat(300) + "]",
                "UNSUB 1 10", "UNSUB 2 0",
                "PUB binary null 0 [\r\n\r\n]");
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
        ClientParser parser = new ClientParser(single, ByteBufAllocator.DEFAULT, 4096, 1024 * 1024);
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
        assertThat(ops.ops).hasSize(122);
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
        assertThat(ops.ops).containsExactly("PUB a null 0 [abc]", "PUB a null 0 [abc]");
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
        ClientParser small = new ClientParser(ops, ByteBufAllocator.DEFAULT, 4096, 10);
        assertThatThrownBy(() -> small.parse(buf("PUB foo 11\r\n")))
                .extracting(e -> ((ProtocolViolation) e).clientError()).isEqualTo("Maximum Payload Violation");
    }

    @Test
    void overlongControlLineIsRefusedEvenWithoutItsEnd() {
        ClientParser small = new ClientParser(ops, ByteBufAllocator.DEFAULT, 16, 1024);
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
        assertThatThrownBy(() -> new ClientParser(ops, ByteBufAllocator.DEFAULT, 4096, 1024).parse(buf("SUB foo\r\n")))
                .hasMessageContaining("processSub Parse Error");
    }

    /** Feeds {@code text} in two reads, cut at every possible point, and expects the same operations each time. */
    private static void assertEverySplitParsesAs(String text, List<String> expected) throws ProtocolViolation {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        for (int cut = 1; cut < bytes.length; cut++) {
            RecordingOps split = new RecordingOps();
            ClientParser parser = new ClientParser(split, ByteBufAllocator.DEFAULT, 4096, 1024 * 1024);
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
