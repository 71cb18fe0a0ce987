package io.switchboard.transport.mqtt;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttProperty;
import io.netty.handler.codec.mqtt.MqttProperties.StringPair;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import io.netty.util.ReferenceCountUtil;
import io.switchboard.transport.mqtt.TopicMapping.TopicException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * MQTT 3.1.1 and 5.0 packet streams of every type with true and false lengths, topics, filters and
 * properties: netty's decoder, as the transport sets it up, reads them the same whole and cut in
 * two at every byte, and the bundle's own handling of each decoded packet (topic to subject,
 * shared filters, properties to headers) answers or refuses with a {@link TopicException}; the
 * forms the store reads back from its file give a value or an {@link UncheckedIOException}.
 */
class MqttFuzzTest {

    private static final int MAX_PAYLOAD = 64 * 1024;

    private static final byte[] CONNECT_V4 = hex("100e00044d5154540402003c00026330");
    private static final byte[] CONNECT_V5 = hex("100f00044d5154540502003c0000026330");

    private static final int[] TYPES = {0x30, 0x32, 0x34, 0x3B, 0x82, 0xA2, 0xC0, 0xE0, 0x62, 0x40, 0x50, 0x70,
        0x10, 0xF0, 0x00, 0x83};

    private static final String[] TOPICS = {
        "a/b", "a/+", "a/#", "#", "+", "+/+/#", "a/#/b", "a+", "$SYS/x", "$share/g/a/b", "$share/g/", "$share//a",
        "$share/g+/a", "a b", "a.b", "", "/", "//", "a/\u0000", "\u00e9/\u00f1", "*", ">", "a/*/>",
    };

    /** MQTT 5.0 properties: user property, correlation data, content type, format, expiry, alias, response topic. */
    private static final String[] PROPERTIES = {
        "260001610001", "2600026b3a0001760d", "0900020102", "0300036a736f", "0101", "01ff", "0200000e10",
        "02ffffffff", "230005", "230000", "08000372652f", "0b05", "0bffffff7f", "1100000005", "210000", "27ffffffff",
        "ff", "00",
    };

    @Property
    void everyCutDecodesAsTheWholeStreamAndEveryPacketIsHandled(@ForAll("streams") byte[] stream) {
        List<String> whole = decode(stream);
        for (int cut = 1; cut < stream.length; cut++) {
            assertThat(decode(stream, cut)).as("cut at %d", cut).isEqualTo(whole);
        }
    }

    @Property
    void storedFormsReadBackOrAreRefused(@ForAll("forms") byte[] form) {
        for (Runnable read : List.<Runnable>of(() -> StoredForms.message(1, form), () -> StoredForms.retained(form),
                () -> StoredForms.session(form))) {
            try {
                read.run();
            } catch (UncheckedIOException refused) {
                // the declared refusal of a damaged form
            }
        }
    }

    @Property
    void anyHeaderBlockAndSubjectIsRead(@ForAll("texts") String text) {
        NatsHeaders.parse(text);
        TopicMapping.topic(text);
        TopicMapping.parentSubject(text);
    }

    @Test
    void aStoredPayloadLongerThanItsFormIsRefusedBeforeItIsAllocated() {
        byte[] form = hex("0100016100000000000000007fffffff");
        assertThatThrownBy(() -> StoredForms.retained(form)).isInstanceOf(UncheckedIOException.class);
        byte[] negative = hex("01000161000000000000000080000000");
        assertThatThrownBy(() -> StoredForms.retained(negative)).isInstanceOf(UncheckedIOException.class);
    }

    @Provide
    Arbitrary<byte[]> streams() {
        Arbitrary<byte[]> packet = Combinators.combine(Arbitraries.integers().between(0, TYPES.length - 1), body(),
                Arbitraries.integers().between(0, 9))
                .as((type, body, lie) -> packet(TYPES[type], body, lie));
        Arbitrary<byte[]> first = Arbitraries.of(CONNECT_V4, CONNECT_V5, new byte[0]);
        return Combinators.combine(first, packet.list().ofMaxSize(5))
                .as((connect, packets) -> {
                    List<byte[]> all = new ArrayList<>();
                    all.add(connect);
                    all.addAll(packets);
                    return concat(all);
                });
    }

    @Provide
    Arbitrary<byte[]> forms() {
        AppMessage message = new AppMessage("a/b", new byte[] {1, 2, 3}, 1, true,
                new NatsHeaders(List.of(Map.entry("k", "v"))), "r/t");
        byte[] valid = StoredForms.retained(message);
        Arbitrary<byte[]> mutated = Combinators.combine(Arbitraries.integers().between(0, valid.length - 1),
                Arbitraries.bytes()).as((at, b) -> {
                    byte[] copy = valid.clone();
                    copy[at] = b;
                    return copy;
                });
        return Arbitraries.oneOf(mutated, Arbitraries.bytes().array(byte[].class).ofMaxSize(40),
                Arbitraries.integers().between(0, valid.length).map(n -> Arrays.copyOf(valid, n)));
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(40),
                Arbitraries.of("NATS/1.0\r\nk: v\r\n\r\n", "NATS/1.0 503\r\n", "NATS/1.0\r\n:\r\n", "a..b", ".a.", "a.>.b"),
                Arbitraries.strings().withChars("ab.*>/$:\r\n ").ofMaxLength(20));
    }

    private static Arbitrary<byte[]> body() {
        Arbitrary<byte[]> piece = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of(TOPICS).map(MqttFuzzTest::utf8)),
                Tuple.of(2, Arbitraries.integers().between(0, 3).map(id -> new byte[] {0, id.byteValue()})),
                Tuple.of(3, Arbitraries.of(PROPERTIES).list().ofMaxSize(3).map(MqttFuzzTest::properties)),
                Tuple.of(2, Arbitraries.of(new byte[] {0}, new byte[] {1}, new byte[] {2}, new byte[] {0x3F})),
                Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(6)));
        return piece.list().ofMaxSize(5).map(MqttFuzzTest::concat);
    }

    /** A packet whose remaining length is true, off by some bytes, or far more than follows. */
    private static byte[] packet(int type, byte[] body, int lie) {
        int length = switch (lie) {
            case 7 -> body.length + 3;
            case 8 -> Math.max(0, body.length - 2);
            case 9 -> 268_435_455;
            default -> body.length;
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(type);
        out.writeBytes(varint(length));
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static byte[] properties(List<String> hexProperties) {
        byte[] all = concat(hexProperties.stream().map(MqttFuzzTest::hex).toList());
        return concat(List.of(varint(all.length), all));
    }

    private static byte[] varint(int value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        do {
            int digit = value % 128;
            value /= 128;
            out.write(value > 0 ? digit | 0x80 : digit);
        } while (value > 0);
        return out.toByteArray();
    }

    private static byte[] utf8(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return concat(List.of(new byte[] {(byte) (bytes.length >> 8), (byte) bytes.length}, bytes));
    }

    private static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }

    private static byte[] hex(String text) {
        return ByteBufUtil.decodeHexDump(text);
    }

    /** Each packet decoded from the stream read at {@code cuts}, with what the bundle made of it. */
    private static List<String> decode(byte[] stream, int... cuts) {
        EmbeddedChannel channel = new EmbeddedChannel(new MqttDecoder(MAX_PAYLOAD));
        List<String> packets = new ArrayList<>();
        try {
            int from = 0;
            for (int i = 0; i <= cuts.length; i++) {
                int to = i < cuts.length ? cuts[i] : stream.length;
                channel.writeInbound(Unpooled.copiedBuffer(stream, from, to - from));
                from = to;
                for (Object m = channel.readInbound(); m != null; m = channel.readInbound()) {
                    try {
                        packets.add(handle((MqttMessage) m));
                    } finally {
                        ReferenceCountUtil.release(m);
                    }
                }
            }
        } finally {
            channel.finishAndReleaseAll();
        }
        return packets;
    }

    private static String handle(MqttMessage packet) {
        if (packet.decoderResult().isFailure()) {
            return "failed " + packet.decoderResult().cause().getClass().getSimpleName();
        }
        StringBuilder seen = new StringBuilder(packet.fixedHeader().messageType().name());
        try {
            if (packet instanceof MqttConnectMessage connect) {
                MqttProperties props = connect.variableHeader().properties();
                seen.append(' ').append(connect.payload().clientIdentifier()).append(' ')
                        .append(Properties5.sessionExpiry(props)).append(' ').append(Properties5.receiveMaximum(props))
                        .append(' ').append(Properties5.maximumPacketSize(props));
            } else if (packet instanceof MqttPublishMessage publish) {
                MqttProperties props = publish.variableHeader().properties();
                seen.append(' ').append(publish.variableHeader().packetId()).append(' ')
                        .append(ByteBufUtil.hexDump(publish.payload())).append(' ').append(describe(props))
                        .append(' ').append(Properties5.toHeaders(props, 0)).append(' ')
                        .append(Properties5.topicAlias(props)).append(' ').append(Properties5.responseTopic(props))
                        .append(' ').append(TopicMapping.publishSubject(publish.variableHeader().topicName()));
            } else if (packet instanceof MqttSubscribeMessage subscribe) {
                int identifier = Properties5.subscriptionIdentifier(subscribe.idAndPropertiesVariableHeader().properties());
                for (MqttTopicSubscription sub : subscribe.payload().topicSubscriptions()) {
                    seen.append(' ').append(SharedFilter.subscription(sub.topicName(), sub.qualityOfService().value(),
                            sub.option(), identifier));
                }
            } else if (packet instanceof MqttUnsubscribeMessage unsubscribe) {
                for (String filter : unsubscribe.payload().topics()) {
                    seen.append(' ').append(TopicMapping.filterSubject(filter));
                }
            }
        } catch (TopicException refused) {
            seen.append(" refused ").append(refused.getMessage());
        }
        return seen.toString();
    }

    private static String describe(MqttProperties props) {
        StringBuilder text = new StringBuilder("[");
        for (MqttProperty<?> property : props.listAll()) {
            Object value = property.value();
            text.append(property.propertyId()).append('=');
            if (value instanceof byte[] bytes) {
                text.append(ByteBufUtil.hexDump(bytes));
            } else if (value instanceof List<?> pairs) {
                for (Object pair : pairs) {
                    text.append(((StringPair) pair).key).append(':').append(((StringPair) pair).value).append(';');
                }
            } else {
                text.append(value);
            }
            text.append(' ');
        }
        return text.append(']').toString();
    }
}
