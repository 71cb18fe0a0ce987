package io.switchboard.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Many idle client connections, each with one subscription, held open by one process: plain
 * sockets with no buffers of their own, so that tens of thousands of them cost the client
 * little and the server is what gets measured.
 */
final class LightConnections implements AutoCloseable {

    private static final byte[] PONG = "PONG\r\n".getBytes(StandardCharsets.US_ASCII);
    /** Loopback source addresses spread over, so that many connections to one port do not run out of ephemeral ports. */
    private static final int LOOPBACK_SOURCES = 32;

    private final List<Socket> sockets;

    private LightConnections(List<Socket> sockets) {
        this.sockets = sockets;
    }

    /** Every connection sends its CONNECT, SUB and PING first; then each PONG is awaited. */
    static LightConnections open(String host, int port, int connections, String name) throws IOException {
        InetAddress server = InetAddress.getByName(host);
        List<Socket> sockets = new ArrayList<>(connections);
        LightConnections opened = new LightConnections(sockets);
        try {
            for (int i = 0; i < connections; i++) {
                Socket socket = new Socket();
                sockets.add(socket);
                socket.setSoTimeout(60_000);
                if (server.isLoopbackAddress() && server.getAddress().length == 4) {
                    socket.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (1 + i % LOOPBACK_SOURCES)}), 0));
                }
                socket.connect(new InetSocketAddress(server, port), 60_000);
                OutputStream out = socket.getOutputStream();
                out.write(("CONNECT {\"verbose\":false,\"pedantic\":false,\"name\":\"" + name + "-" + i + "\"}\r\nSUB " + name + "."
                        + i + " 1\r\nPING\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
            byte[] buffer = new byte[1];
            for (Socket socket : sockets) {
                awaitPong(socket.getInputStream(), buffer);
            }
            return opened;
        } catch (IOException | RuntimeException e) {
            opened.close();
            throw e;
        }
    }

    private static void awaitPong(InputStream in, byte[] buffer) throws IOException {
        int matched = 0;
        while (matched < PONG.length) {
            if (in.read(buffer, 0, 1) < 0) {
                throw new IOException("connection closed before its PONG");
            }
            matched = buffer[0] == PONG[matched] ? matched + 1 : (buffer[0] == PONG[0] ? 1 : 0);
        }
    }

    @Override
    public void close() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
