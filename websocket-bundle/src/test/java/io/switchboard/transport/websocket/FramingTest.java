package io.switchboard.transport.websocket;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.switchboard.core.spi.transport.CloseReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The frame reader and writer on an embedded channel, as the NATS protocol handler sees them. */
class FramingTest {

    private static final Negotiated PLAIN = new Negotiated(false, true, 0, true);

    private EmbeddedChannel sut;

    private EmbeddedChannel channel(Negotiated negotiated) {
        FrameWriter writer = new FrameWriter(negotiated);
        sut = new EmbeddedChannel(writer, new FrameReader(writer, negotiated.masked()));
        return sut;
    }

    @AfterEach
    void finish() {
        sut.finishAndReleaseAll();
    }

    @Test
    void textAndBinaryFramesCarryTheSameBytes() {
        channel(PLAIN);
        sut.writeInbound(Frames.masked(0x82, "PING\r\n"));
        sut.writeInbound(Frames.masked(0x81, "PONG\r\n"));
        assertThat(readAll()).isEqualTo("PING\r\nPONG\r\n");
    }

    @Test
    void framesSplitAnywhereReadTheSame() {
        channel(PLAIN);
        byte[] payload = new byte[70_000];
        new Random(7).nextBytes(payload);
        ByteBuf stream = Unpooled.buffer();
        stream.writeBytes(Frames.masked(0x02, payload));
        stream.writeBytes(Frames.masked(0x80, "tail"));
        while (stream.isReadable()) {
            sut.writeInbound(stream.readRetainedSlice(Math.min(997, stream.readableBytes())));
        }
        stream.release();
        byte[] expected = new byte[payload.length + 4];
        System.arraycopy(payload, 0, expected, 0, payload.length);
        System.arraycopy("tail".getBytes(StandardCharsets.US_ASCII), 0, expected, payload.length, 4);
        assertThat(readAllBytes()).isEqualTo(expected);
    }

    @Test
    void pingBetweenFragmentsIsAnswered() {
        channel(PLAIN);
        sut.writeInbound(Frames.masked(0x02, "PI"));
        sut.writeInbound(Frames.masked(0x89, "x"));
        sut.writeInbound(Frames.masked(0x80, "NG\r\n"));
        assertThat(readAll()).isEqualTo("PING\r\n");
        Frames.Frame pong = Frames.next(outbound());
        assertThat(pong.opcode()).isEqualTo(Opcodes.PONG);
        assertThat(pong.text()).isEqualTo("x");
    }

    @Test
    void unmaskedFrameIsAProtocolError() {
        channel(PLAIN);
        sut.writeInbound(Frames.unmasked(0x82, "PING\r\n".getBytes(StandardCharsets.US_ASCII)));
        assertClosedWith(CloseStatus.PROTOCOL_ERROR, "mask bit missing");
    }

    @Test
    void clientsThatAskedNotToMaskMayStillMask() {
        channel(new Negotiated(false, false, 0, true));
        sut.writeInbound(Frames.unmasked(0x82, "PI".getBytes(StandardCharsets.US_ASCII)));
        sut.writeInbound(Frames.masked(0x82, "NG\r\n"));
        assertThat(readAll()).isEqualTo("PING\r\n");
    }

    @Test
    void framingErrorsCloseWithNatsServersWords() {
        assertProtocolError(Frames.masked(0x89, new byte[126]),
                "control frame length bigger than maximum allowed of 125 bytes");
        assertProtocolError(Frames.masked(0x09, "x"), "control frame does not have final bit set");
        assertProtocolError(Frames.masked(0x83, "x"), "unknown opcode 3");
        assertProtocolError(Frames.masked(0x80, "x"), "invalid continuation frame");
    }

    @Test
    void newMessageBeforeTheLastOneEndedIsAProtocolError() {
        channel(PLAIN);
        sut.writeInbound(Frames.masked(0x02, "PI"));
        sut.writeInbound(Frames.masked(0x82, "NG\r\n"));
        readAll();
        assertClosedWith(CloseStatus.PROTOCOL_ERROR,
                "new message started before final frame for previous message was received");
    }

    @Test
    void closeIsEchoed() {
        channel(PLAIN);
        sut.writeInbound(Frames.masked(0x88, new byte[] {0x03, (byte) 0xE8, 'b', 'y', 'e'}));
        assertClosedWith(CloseStatus.NORMAL_CLOSURE, "bye");
    }

    @Test
    void closeWithoutStatusIsAnsweredWithNoStatusReceived() {
        channel(PLAIN);
        sut.writeInbound(Frames.masked(0x88, new byte[0]));
        assertClosedWith(CloseStatus.NO_STATUS_RECEIVED, "");
    }

    @Test
    void closeWithBadUtf8IsAnsweredWithInvalidPayload() {
        channel(PLAIN);
        sut.writeInbound(Frames.masked(0x88, new byte[] {0x03, (byte) 0xE8, (byte) 0xFF}));
        assertClosedWith(CloseStatus.INVALID_PAYLOAD_DATA, "invalid utf8 body in close frame");
    }

    @Test
    void writesBetweenFlushesGoOutAsOneBinaryFrame() {
        channel(PLAIN);
        sut.write(ascii("INFO {} \r\n"));
        sut.write(ascii("PONG\r\n"));
        sut.flush();
        Frames.Frame frame = Frames.next(outbound());
        assertThat(frame.opcode()).isEqualTo(Opcodes.BINARY);
        assertThat(frame.fin()).isTrue();
        assertThat(frame.text()).isEqualTo("INFO {} \r\nPONG\r\n");
    }

    @Test
    void browsersGetMessagesOfAtMostFourKilobytes() {
        channel(new Negotiated(false, true, Negotiated.BROWSER_FRAME_SIZE, true));
        sut.writeAndFlush(ascii("x".repeat(10_000)));
        ByteBuf out = outbound();
        List<Integer> sizes = new ArrayList<>();
        for (Frames.Frame frame = Frames.next(out); frame != null; frame = Frames.next(out)) {
            assertThat(frame.opcode()).isEqualTo(Opcodes.BINARY);
            assertThat(frame.fin()).isTrue();
            sizes.add(frame.payload().length);
        }
        assertThat(sizes).containsExactly(4096, 4096, 1808);
    }

    @Test
    void compressedMessagesRoundTrip() throws Exception {
        channel(new Negotiated(true, true, 0, true));
        String big = "MSG greetings 1 5\r\nhello\r\n".repeat(100);
        sut.writeAndFlush(ascii(big));
        Frames.Frame frame = Frames.next(outbound());
        assertThat(frame.compressed()).isTrue();
        assertThat(frame.payload().length).isLessThan(big.length() / 4);
        sut.writeInbound(Frames.masked(0xC2, frame.payload()));
        assertThat(readAll()).isEqualTo(big);
    }

    @Test
    void smallMessagesAreNotCompressed() {
        channel(new Negotiated(true, true, 0, true));
        sut.writeAndFlush(ascii("PONG\r\n"));
        assertThat(Frames.next(outbound()).compressed()).isFalse();
    }

    @Test
    void compressedMessageMayComeInFragments() {
        channel(new Negotiated(true, true, 0, true));
        String big = "PUB a 3\r\nabc\r\n".repeat(200);
        sut.writeAndFlush(ascii(big));
        byte[] compressed = Frames.next(outbound()).payload();
        int half = compressed.length / 2;
        sut.writeInbound(Frames.masked(0x42, Arrays.copyOfRange(compressed, 0, half)));
        sut.writeInbound(Frames.masked(0x80, Arrays.copyOfRange(compressed, half, compressed.length)));
        assertThat(readAll()).isEqualTo(big);
    }

    @Test
    void theCoreClosingForAReasonSendsNatsServersCloseFrame() {
        channel(PLAIN);
        sut.attr(CloseReason.KEY).set(CloseReason.MAX_PAYLOAD_EXCEEDED);
        sut.writeAndFlush(ascii("-ERR 'Maximum Payload Violation'\r\n"));
        sut.close();
        ByteBuf out = outbound();
        assertThat(Frames.next(out).text()).isEqualTo("-ERR 'Maximum Payload Violation'\r\n");
        Frames.Frame close = Frames.next(out);
        assertThat(close.opcode()).isEqualTo(Opcodes.CLOSE);
        assertThat(close.closeStatus()).isEqualTo(CloseStatus.MESSAGE_TOO_BIG);
        assertThat(close.closeText()).isEqualTo("Maximum Message Payload Exceeded");
        assertThat(sut.isOpen()).isFalse();
    }

    @Test
    void closingWithoutAReasonSendsNoCloseFrame() {
        channel(PLAIN);
        sut.close();
        assertThat(outbound().isReadable()).isFalse();
    }

    private void assertProtocolError(ByteBuf frame, String text) {
        channel(PLAIN);
        sut.writeInbound(frame);
        assertClosedWith(CloseStatus.PROTOCOL_ERROR, text);
        sut.finishAndReleaseAll();
    }

    private void assertClosedWith(int status, String text) {
        sut.runPendingTasks();
        Frames.Frame close = Frames.next(outbound());
        assertThat(close.opcode()).isEqualTo(Opcodes.CLOSE);
        assertThat(close.closeStatus()).isEqualTo(status);
        assertThat(close.closeText()).isEqualTo(text);
        assertThat(sut.isOpen()).isFalse();
    }

    private static ByteBuf ascii(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1);
    }

    private String readAll() {
        return new String(readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    private byte[] readAllBytes() {
        ByteBuf all = Unpooled.buffer();
        for (ByteBuf part = sut.readInbound(); part != null; part = sut.readInbound()) {
            all.writeBytes(part);
            part.release();
        }
        byte[] bytes = new byte[all.readableBytes()];
        all.readBytes(bytes);
        return bytes;
    }

    /** Everything the server wrote so far, in one buffer. */
    private ByteBuf outbound() {
        ByteBuf all = Unpooled.buffer();
        for (Object part = sut.readOutbound(); part != null; part = sut.readOutbound()) {
            ByteBuf buf = (ByteBuf) part;
            all.writeBytes(buf);
            buf.release();
        }
        return all;
    }
}
