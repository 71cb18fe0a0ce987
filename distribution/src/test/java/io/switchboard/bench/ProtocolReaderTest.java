package io.switchboard.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProtocolReaderTest {

    private int pings;

    @Test
    void readsMessagesWithAndWithoutReplyAndSkipsTheirPayloads() throws IOException {
        ProtocolReader sut = reader("INFO {}\r\nMSG a.b 1 5\r\nhello\r\nMSG a.b 1 _INBOX.x 3\r\nabc\r\nPONG\r\n", 1);
        sut.expectInfo();
        assertThat(sut.next()).isEqualTo(ProtocolReader.Op.MSG);
        assertThat(sut.size()).isEqualTo(5);
        assertThat(sut.replyLength()).isEqualTo(-1);
        assertThat(sut.next()).isEqualTo(ProtocolReader.Op.MSG);
        assertThat(new String(sut.replyBytes(), 0, sut.replyLength(), StandardCharsets.US_ASCII)).isEqualTo("_INBOX.x");
        assertThat(sut.next()).isEqualTo(ProtocolReader.Op.PONG);
    }

    @Test
    void answersPingsAndIgnoresOkAndInfoOnTheWay() throws IOException {
        ProtocolReader sut = reader("INFO {}\r\nPING\r\n+OK\r\nINFO {\"x\":1}\r\nPONG\r\n", 7);
        sut.expectInfo();
        sut.awaitPong();
        assertThat(pings).isEqualTo(1);
    }

    @Test
    void aPayloadLargerThanTheBufferIsSkippedAcrossReads() throws IOException {
        int size = 1_000_000;
        String msg = "MSG big 1 " + size + "\r\n" + "x".repeat(size) + "\r\nPONG\r\n";
        ProtocolReader sut = reader(msg, 4096);
        assertThat(sut.next()).isEqualTo(ProtocolReader.Op.MSG);
        assertThat(sut.size()).isEqualTo(size);
        assertThat(sut.next()).isEqualTo(ProtocolReader.Op.PONG);
    }

    @Test
    void serverErrorsAndTheEndOfTheStreamAreFailures() {
        assertThatThrownBy(() -> reader("-ERR 'Slow Consumer'\r\n", 64).next())
                .hasMessage("server error: -ERR 'Slow Consumer'");
        assertThatThrownBy(() -> reader("MSG a 1 5\r\nhel", 64).next()).isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> reader("HTTP/1.1 200 OK\r\n", 64).expectInfo()).hasMessageContaining("no INFO");
    }

    /** A reader over {@code text} delivered in pieces of at most {@code chunk} bytes. */
    private ProtocolReader reader(String text, int chunk) {
        InputStream in = new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII));
        ReadableByteChannel channel = new ReadableByteChannel() {
            @Override
            public int read(ByteBuffer dst) throws IOException {
                byte[] piece = in.readNBytes(Math.min(chunk, dst.remaining()));
                if (piece.length == 0) {
                    return -1;
                }
                dst.put(piece);
                return piece.length;
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {
            }
        };
        return new ProtocolReader(channel, () -> pings++);
    }
}
