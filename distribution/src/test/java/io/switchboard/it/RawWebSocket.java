package io.switchboard.it;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A websocket client made of a bare socket, for handshake and framing tests: send an HTTP
 * request or frames byte by byte, read back what the server answers and whether it hangs up.
 */
final class RawWebSocket implements AutoCloseable {

    static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    private static final byte[] MASK = {0x0A, 0x1B, 0x2C, 0x3D};

    /** One frame from the server. */
    record Frame(int opcode, boolean fin, byte[] payload) {

        String text() {
            return new String(payload, StandardCharsets.ISO_8859_1);
        }

        /** "CLOSE 1002 mask bit missing", "PONG hi": a control frame as a transcript shows it. */
        String describe() {
            return switch (opcode) {
                case 0x8 -> "CLOSE " + (payload.length < 2 ? "" : ((payload[0] & 0xFF) << 8 | (payload[1] & 0xFF))
                        + " " + new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8));
                case 0x9 -> "PING " + text();
                case 0xA -> "PONG " + text();
                default -> "OPCODE " + opcode;
            };
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private boolean hungUp;

    RawWebSocket(int port) throws IOException {
        this(new Socket("127.0.0.1", port));
    }

    private RawWebSocket(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(5_000);
        socket.setTcpNoDelay(true);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** A client of a {@code wss://} listener, its TLS handshake done with {@code tls}. */
    static RawWebSocket overTls(int port, SSLContext tls) throws IOException {
        SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", port);
        socket.startHandshake();
        return new RawWebSocket(socket);
    }

    /** A good upgrade request for {@code path}, with extra header lines. */
    static String upgrade(String path, String... extraHeaders) {
        StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + KEY + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n");
        for (String header : extraHeaders) {
            request.append(header).append("\r\n");
        }
        return request.append("\r\n").toString();
    }

    RawWebSocket send(String raw) throws IOException {
        return send(raw.getBytes(StandardCharsets.ISO_8859_1));
    }

    RawWebSocket send(byte[] raw) throws IOException {
        out.write(raw);
        out.flush();
        return this;
    }

    /** The response's status line and headers, without the blank line; what came before a hang-up. */
    String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1).strip();
    }

    byte[] readBytes(int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new EOFException("hung up after " + bytes.length + " of " + length + " bytes");
        }
        return bytes;
    }

    /** Everything until the server hangs up. */
    String readToEnd() throws IOException {
        ByteArrayOutputStream rest = new ByteArrayOutputStream();
        for (int b = read(); b >= 0; b = read()) {
            rest.write(b);
        }
        return rest.toString(StandardCharsets.ISO_8859_1);
    }

    /** The next frame, or null when the server hung up. */
    Frame readFrame() throws IOException {
        int first = read();
        if (first < 0) {
            return null;
        }
        int second = read();
        if (second < 0) {
            throw new EOFException("hung up inside a frame header");
        }
        long length = second & 0x7F;
        if (length == 126) {
            byte[] ext = readBytes(2);
            length = (ext[0] & 0xFF) << 8 | (ext[1] & 0xFF);
        } else if (length == 127) {
            length = 0;
            for (byte b : readBytes(8)) {
                length = length << 8 | (b & 0xFF);
            }
        }
        return new Frame(first & 0x0F, (first & 0x80) != 0, readBytes((int) length));
    }

    /** Frames until {@code pongs} NATS PONGs came in data frames, a close frame came, or the server hung up. */
    List<Frame> readFrames(int pongs) throws IOException {
        List<Frame> frames = new ArrayList<>();
        StringBuilder data = new StringBuilder();
        while (pongs == 0 || data.toString().split("PONG\r\n", -1).length - 1 < pongs) {
            Frame frame = readFrame();
            if (frame == null) {
                break;
            }
            frames.add(frame);
            if (frame.opcode() == 0x8) {
                break;
            }
            if (frame.opcode() <= 0x2) {
                data.append(frame.text());
            }
        }
        return frames;
    }

    /** A client frame: masked, unless {@code masked} is false. */
    static byte[] frame(int firstByte, byte[] payload, boolean masked) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(firstByte);
        int maskBit = masked ? 0x80 : 0;
        if (payload.length <= 125) {
            frame.write(maskBit | payload.length);
        } else {
            frame.write(maskBit | 126);
            frame.write(payload.length >> 8);
            frame.write(payload.length & 0xFF);
        }
        if (masked) {
            frame.writeBytes(MASK);
            for (int i = 0; i < payload.length; i++) {
                frame.write(payload[i] ^ MASK[i & 3]);
            }
        } else {
            frame.writeBytes(payload);
        }
        return frame.toByteArray();
    }

    /**
     * The header of a masked client frame announcing {@code length} payload bytes, and the first
     * {@code payload} bytes of that frame's payload, masked: a frame whose rest never comes.
     */
    static byte[] unfinishedFrame(int firstByte, long length, byte[] payload) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(firstByte);
        frame.write(0x80 | 127);
        for (int shift = 56; shift >= 0; shift -= 8) {
            frame.write((int) (length >>> shift));
        }
        frame.writeBytes(MASK);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ MASK[i & 3]);
        }
        return frame.toByteArray();
    }

    static byte[] frame(int firstByte, String payload) {
        return frame(firstByte, payload.getBytes(StandardCharsets.ISO_8859_1), true);
    }

    /** Whether a read found the connection closed by the server. */
    boolean hungUp() {
        return hungUp;
    }

    private int read() throws IOException {
        int b;
        try {
            b = in.read();
        } catch (SocketTimeoutException e) {
            throw e;
        } catch (IOException reset) {
            b = -1;
        }
        hungUp |= b < 0;
        return b;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
