package io.switchboard.bench;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * One client connection spoken in raw protocol over a blocking socket: no client library
 * between the bench and the server, and no more client work per message than copying bytes,
 * so that on a small machine the server gets the CPU the client does not use.
 */
final class NatsSocket implements BenchSocket {

    private static final byte[] CONNECT = ("CONNECT {\"verbose\":false,\"pedantic\":false,\"echo\":true,"
            + "\"lang\":\"java-raw\",\"version\":\"1\",\"protocol\":1,\"headers\":false,\"name\":\"switchboard-bench\"}\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PING = "PING\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PONG = "PONG\r\n".getBytes(StandardCharsets.US_ASCII);

    private final SocketChannel channel;
    private final SocketWriter writer;
    private final ProtocolReader reader;

    private NatsSocket(SocketChannel channel) {
        this.channel = channel;
        this.writer = new SocketWriter(channel);
        this.reader = new ProtocolReader(channel, this::pong);
    }

    /** Connects, reads INFO, sends CONNECT and waits for the PONG that proves it was accepted. */
    static NatsSocket connect(String host, int port) throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.connect(new InetSocketAddress(host, port));
            NatsSocket socket = new NatsSocket(channel);
            socket.reader.expectInfo();
            socket.write(CONNECT);
            socket.roundTrip();
            return socket;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    ProtocolReader reader() {
        return reader;
    }

    /** Queues bytes, writing out whatever is already queued when they do not fit. */
    void write(byte[] bytes) throws IOException {
        writer.write(bytes);
    }

    void write(byte[] bytes, int from, int length) throws IOException {
        writer.write(bytes, from, length);
    }

    /** Writes a whole buffer of ready frames straight to the socket, after what is queued. */
    void writeDirect(ByteBuffer frames) throws IOException {
        writer.writeDirect(frames);
    }

    void flush() throws IOException {
        writer.flush();
    }

    /** Sends PING and waits for its PONG: the server has then handled everything sent before. */
    void roundTrip() throws IOException {
        write(PING);
        flush();
        reader.awaitPong();
    }

    private void pong() throws IOException {
        write(PONG);
        flush();
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    static IOException closedBy(String who) {
        return new EOFException(who + ": the server closed the connection");
    }
}
