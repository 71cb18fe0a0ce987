package io.switchboard.core.spi.link;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LinkParserTest {

    /** What nats-server 2.9 sends over a route or a gateway, one of each form. */
    private static final String STREAM = "CONNECT {\"echo\":true,\"name\":\"N1\",\"cluster\":\"c1\"}\r\n"
            + "INFO {\"server_id\":\"N1\",\"proto\":2}\r\n"
            + "PING\r\nPONG\r\n"
            + "RS+ $G foo\r\n"
            + "RS+ $G bar.* workers 3\r\n"
            + "RS- $G foo\r\n"
            + "RS- $G bar.* workers\r\n"
            + "A- $G\r\n"
            + "A+ $G\r\n"
            + "RMSG $G foo 5\r\nhello\r\n"
            + "RMSG $G foo _INBOX.1 5\r\nhello\r\n"
            + "RMSG $G foo + _INBOX.2 q1 q2 5\r\nhello\r\n"
            + "RMSG $G foo | q1 0\r\n\r\n"
            + "HMSG $G foo 12 17\r\nNATS/1.0\r\n\r\nhello\r\n"
            + "HMSG $G foo + r q1 12 17\r\nNATS/1.0\r\n\r\nhello\r\n"
            + "+OK\r\n"
            + "-ERR 'Authorization Violation'\r\n";

    private static final List<String> OPERATIONS = List.of(
            "CONNECT {\"echo\":true,\"name\":\"N1\",\"cluster\":\"c1\"}",
            "INFO {\"server_id\":\"N1\",\"proto\":2}",
            "PING", "PONG",
            "RS+ $G foo null 1",
            "RS+ $G bar.* workers 3",
            "RS- $G foo null",
            "RS- $G bar.* workers",
            "A- $G", "A+ $G",
            "MSG $G foo null [] 0 hello",
            "MSG $G foo _INBOX.1 [] 0 hello",
            "MSG $G foo _INBOX.2 [q1, q2] 0 hello",
            "MSG $G foo null [q1] 0 ",
            "MSG $G foo null [] 12 NATS/1.0\r\n\r\nhello",
            "MSG $G foo r [q1] 12 NATS/1.0\r\n\r\nhello",
            "ERR 'Authorization Violation'");

    @Test
    void readsEveryOperation() throws Exception {
        RecordingLinkOps ops = new RecordingLinkOps();
        new LinkParser(ops, ByteBufAllocator.DEFAULT).parse(buf(STREAM));
        assertThat(ops.seen).isEqualTo(OPERATIONS);
    }

    @Test
    void aStreamCutAtAnyByteReadsTheSame() throws Exception {
        byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
        for (int cut = 1; cut < bytes.length; cut++) {
            RecordingLinkOps ops = new RecordingLinkOps();
            LinkParser sut = new LinkParser(ops, ByteBufAllocator.DEFAULT);
            sut.parse(Unpooled.wrappedBuffer(bytes, 0, cut));
            sut.parse(Unpooled.wrappedBuffer(bytes, cut, bytes.length - cut));
            assertThat(ops.seen).as("cut at %d", cut).isEqualTo(OPERATIONS);
        }
    }

    @Test
    void aStreamFedByteByByteReadsTheSame() throws Exception {
        RecordingLinkOps ops = new RecordingLinkOps();
        LinkParser sut = new LinkParser(ops, ByteBufAllocator.DEFAULT);
        for (byte b : STREAM.getBytes(StandardCharsets.UTF_8)) {
            sut.parse(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        assertThat(ops.seen).isEqualTo(OPERATIONS);
    }

    @Test
    void tracesControlLinesButNotInfo() throws Exception {
        List<String> traced = new ArrayList<>();
        LinkParser sut = new LinkParser(new RecordingLinkOps(), ByteBufAllocator.DEFAULT);
        sut.trace(traced::add);
        sut.parse(buf("INFO {}\r\nRS+ $G foo\r\nRMSG $G foo 2\r\nhi\r\n"));
        assertThat(traced).containsExactly("RS+ $G foo", "RMSG $G foo 2");
    }

    @Test
    void refusesWhatIsNotTheLinkProtocol() {
        assertThatThrownBy(() -> parse("PUB foo 2\r\nhi\r\n")).hasMessageContaining("unknown operation 'PUB'");
        assertThatThrownBy(() -> parse("RS+ $G\r\n")).hasMessageContaining("RS+ parse error");
        assertThatThrownBy(() -> parse("A+ $G foo\r\n")).hasMessageContaining("A+ parse error");
        assertThatThrownBy(() -> parse("RS+ $G foo q x\r\n")).hasMessageContaining("RS+ parse error");
        assertThatThrownBy(() -> parse("RMSG $G foo x\r\n")).hasMessageContaining("RMSG parse error");
        assertThatThrownBy(() -> parse("RMSG $G foo * r q 2\r\n")).hasMessageContaining("reply indicator");
        assertThatThrownBy(() -> parse("HMSG $G foo 9 5\r\n")).hasMessageContaining("HMSG parse error");
        assertThatThrownBy(() -> parse("RMSG $G foo 2\r\nhiX\r\n")).hasMessageContaining("CRLF");
    }

    /** What nats-server 2.9 sends over a leaf node connection: no account, LS+, LS- and LMSG. */
    @Test
    void readsTheLeafNodeProtocol() throws Exception {
        RecordingLinkOps ops = new RecordingLinkOps();
        new LinkParser(ops, ByteBufAllocator.DEFAULT, true).parse(buf("LS+ foo\r\n"
                + "LS+ bar.* workers 3\r\n"
                + "LS- foo\r\n"
                + "LS- bar.* workers\r\n"
                + "LMSG foo 5\r\nhello\r\n"
                + "LMSG foo _INBOX.1 5\r\nhello\r\n"
                + "LMSG foo + _INBOX.2 q1 q2 5\r\nhello\r\n"
                + "LMSG foo | q1 0\r\n\r\n"
                + "HMSG foo 12 17\r\nNATS/1.0\r\n\r\nhello\r\n"
                + "HMSG foo + r q1 12 17\r\nNATS/1.0\r\n\r\nhello\r\n"));
        assertThat(ops.seen).containsExactly(
                "RS+ null foo null 1",
                "RS+ null bar.* workers 3",
                "RS- null foo null",
                "RS- null bar.* workers",
                "MSG null foo null [] 0 hello",
                "MSG null foo _INBOX.1 [] 0 hello",
                "MSG null foo _INBOX.2 [q1, q2] 0 hello",
                "MSG null foo null [q1] 0 ",
                "MSG null foo null [] 12 NATS/1.0\r\n\r\nhello",
                "MSG null foo r [q1] 12 NATS/1.0\r\n\r\nhello");
    }

    @Test
    void aLeafNodeConnectionRefusesTheRouteProtocolAsAnUnknownOperation() {
        for (String line : List.of("RS+ $G foo\r\n", "RMSG $G foo 2\r\nhi\r\n", "A+ $G\r\n", "SUB foo 1\r\n")) {
            assertThatThrownBy(() -> new LinkParser(new RecordingLinkOps(), ByteBufAllocator.DEFAULT, true).parse(buf(line)))
                    .isInstanceOfSatisfying(LinkProtocolException.class, e -> assertThat(e.unknownOperation()).isTrue());
        }
        assertThatThrownBy(() -> new LinkParser(new RecordingLinkOps(), ByteBufAllocator.DEFAULT, true)
                .parse(buf("LS+ foo q\r\n"))).hasMessageContaining("LS+ parse error");
        assertThatThrownBy(() -> new LinkParser(new RecordingLinkOps(), ByteBufAllocator.DEFAULT, true)
                .parse(buf("LMSG foo x\r\n"))).hasMessageContaining("LMSG parse error");
    }

    private static void parse(String text) throws LinkProtocolException {
        new LinkParser(new RecordingLinkOps(), ByteBufAllocator.DEFAULT).parse(buf(text));
    }

    private static ByteBuf buf(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    }
}
