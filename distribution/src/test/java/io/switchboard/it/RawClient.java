package io.switchboard.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A NATS client made of a bare socket, for protocol tests in the style of nats-server's own:
 * send bytes, read what comes back. Reads end at a marker or when the server closes.
 */
final class RawClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private boolean closedByServer;

    RawClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(5_000);
        socket.setTcpNoDelay(true);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    RawClient send(String protocol) throws IOException {
        out.write(protocol.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return this;
    }

    /** Reads until the text received so far ends with {@code marker}, or the server closes. */
    String readUntil(String marker) throws IOException {
        byte[] chunk = new byte[8192];
        while (!text().endsWith(marker)) {
            int n;
            try {
                n = in.read(chunk);
            } catch (SocketTimeoutException e) {
                throw new IllegalStateException("no \"" + marker.strip() + "\" within 5s; got: " + text(), e);
            } catch (IOException reset) {
                n = -1;
            }
            if (n < 0) {
                closedByServer = true;
                break;
            }
            received.write(chunk, 0, n);
        }
        String all = text();
        received.reset();
        return all;
    }

    /** Reads the INFO line every server sends first. */
    String readInfo() throws IOException {
        return readUntil("\r\n");
    }

    /**
     * Sends PING and returns everything received up to its PONG, or up to the server's close.
     * {@code earlierPings} is how many PINGs the script itself sent, whose PONGs come first.
     */
    String sync(int earlierPings) throws IOException {
        try {
            send("PING\r\n");
        } catch (IOException closed) {
            closedByServer = true;
        }
        StringBuilder all = new StringBuilder();
        int pongs = 0;
        while (pongs <= earlierPings && !closedByServer) {
            all.append(readUntil("PONG\r\n"));
            pongs = all.toString().split("PONG\r\n", -1).length - 1;
        }
        return all.toString();
    }

    boolean closedByServer() {
        return closedByServer;
    }

    private String text() {
        return received.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
