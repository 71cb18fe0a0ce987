package io.switchboard.transport.websocket;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Queue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Streams of client frames with every opcode, flag and length encoding, true and false lengths,
 * masked and not, compressed or garbage: read whole or cut in two at every byte, the reader hands
 * on the same bytes, answers the same and closes at the same point; no exception leaves it. A
 * compressed message is inflated as its frames arrive, so when one turns out corrupt, how much of
 * it was handed on before the connection closed depends on where the reads ended: one way's bytes
 * are then the start of the other's (whether or not compression was negotiated: like nats-server,
 * the reader inflates a message a client marked compressed either way).
 */
class FrameReaderFuzzTest {

    private static final int[] OPCODES = {0x0, 0x1, 0x2, 0x8, 0x9, 0xA, 0x3, 0xF};

    @Property
    void everyCutReadsAsTheWholeStream(@ForAll("streams") byte[] stream, @ForAll boolean compression) {
        Outcome whole = read(stream, compression);
        for (int cut = 1; cut < stream.length; cut++) {
            Outcome split = read(stream, compression, cut);
            assertThat(split.answered()).as("answers, cut at %d", cut).isEqualTo(whole.answered());
            assertThat(split.open()).as("open, cut at %d", cut).isEqualTo(whole.open());
            if (!whole.open()) {
                assertThat(whole.handedOn().startsWith(split.handedOn()) || split.handedOn().startsWith(whole.handedOn()))
                        .as("%s and %s, cut at %d", whole.handedOn(), split.handedOn(), cut).isTrue();
            } else {
                assertThat(split.handedOn()).as("bytes handed on, cut at %d", cut).isEqualTo(whole.handedOn());
            }
        }
    }

    @Provide
    Arbitrary<byte[]> streams() {
        Arbitrary<byte[]> frame = Combinators.combine(
                Arbitraries.of(0, 1, 2, 3, 4, 5, 6, 7), Arbitraries.integers().between(0, 7),
                Arbitraries.integers().between(0, 3), Arbitraries.bytes().array(byte[].class).ofMaxSize(40),
                Arbitraries.bytes().array(byte[].class).ofSize(4))
                .as(FrameReaderFuzzTest::frame);
        Arbitrary<byte[]> garbage = Arbitraries.bytes().array(byte[].class).ofMaxSize(8);
        return Arbitraries.frequencyOf(
                        Tuple.of(6, frame), Tuple.of(1, garbage))
                .list().ofMaxSize(6).map(FrameReaderFuzzTest::concat);
    }

    /**
     * One frame: {@code flags} picks FIN, RSV1 and the mask bit; {@code lengthForm} writes the true
     * length in the shortest form, in a longer form, or a length far longer than what follows.
     */
    private static byte[] frame(int opcodeIndex, int flags, int lengthForm, byte[] payload, byte[] key) {
        ByteBuf out = Unpooled.buffer();
        boolean masked = (flags & 4) == 0 || (flags & 1) == 0;
        out.writeByte(((flags & 1) != 0 ? 0x80 : 0) | ((flags & 2) != 0 ? 0x40 : 0) | OPCODES[opcodeIndex]);
        int mask = masked ? 0x80 : 0;
        switch (lengthForm) {
            case 0 -> out.writeByte(mask | payload.length);
            case 1 -> out.writeByte(mask | 126).writeShort(payload.length);
            case 2 -> out.writeByte(mask | 127).writeLong(payload.length);
            default -> out.writeByte(mask | 127).writeLong(1L << 40);
        }
        if (masked) {
            out.writeBytes(key);
        }
        for (int i = 0; i < payload.length; i++) {
            out.writeByte(masked ? payload[i] ^ key[i & 3] : payload[i]);
        }
        return ByteBufUtil.getBytes(out);
    }

    private static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }

    /** What the reader handed on and what it wrote back, in hex, and whether it left the connection open. */
    private record Outcome(String handedOn, String answered, boolean open) {
    }

    private static Outcome read(byte[] stream, boolean compression, int... cuts) {
        Negotiated negotiated = new Negotiated(compression, true, 0, true);
        FrameWriter writer = new FrameWriter(negotiated);
        EmbeddedChannel channel = new EmbeddedChannel(writer, new FrameReader(writer, negotiated.masked()));
        ByteArrayOutputStream inbound = new ByteArrayOutputStream();
        ByteArrayOutputStream outbound = new ByteArrayOutputStream();
        try {
            int from = 0;
            for (int i = 0; i <= cuts.length && channel.isOpen(); i++) {
                int to = i < cuts.length ? cuts[i] : stream.length;
                channel.writeInbound(Unpooled.copiedBuffer(stream, from, to - from));
                channel.runPendingTasks();
                drain(channel.inboundMessages(), inbound);
                drain(channel.outboundMessages(), outbound);
                from = to;
            }
            return new Outcome(ByteBufUtil.hexDump(inbound.toByteArray()), ByteBufUtil.hexDump(outbound.toByteArray()),
                    channel.isOpen());
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    private static void drain(Queue<Object> messages, ByteArrayOutputStream into) {
        for (Object m = messages.poll(); m != null; m = messages.poll()) {
            ByteBuf buf = (ByteBuf) m;
            into.writeBytes(ByteBufUtil.getBytes(buf));
            buf.release();
        }
    }
}
