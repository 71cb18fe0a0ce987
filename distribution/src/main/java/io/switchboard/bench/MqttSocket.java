package io.switchboard.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.channels.SocketChannel;

/**
 * One MQTT 3.1.1 connection spoken in raw packets over a blocking socket, for the reason
 * {@link NatsSocket} gives: the client does no more per message than copy bytes, so the broker
 * gets the CPU. Reading keeps a packet's type and, for a QoS 1 PUBLISH, its packet id; topics
 * and payloads are skipped, not materialised.
 */
final class MqttSocket implements BenchSocket {

    static final int CONNACK = 2;
    static final int PUBLISH = 3;
    static final int PUBACK = 4;
    static final int SUBACK = 9;

    private static final int BUFFER = 64 * 1024;
    private static final int KEEP_ALIVE_OFF = 0;

    private final SocketChannel channel;
    private final SocketWriter writer;
    private final byte[] ack = {0x40, 2, 0, 0};
    private final ByteBuffer in = ByteBuffer.allocate(BUFFER).flip();
    private final byte[] body = new byte[4];
    private ProtocolReader.BeforeBlocking beforeBlocking = () -> { };
    private int qos;
    private int packetId;

    private MqttSocket(SocketChannel channel) {
        this.channel = channel;
        this.writer = new SocketWriter(channel);
    }

    /** Connects with a clean session and no keep-alive, and waits for the CONNACK that accepts it. */
    static MqttSocket connect(String host, int port, String clientId) throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.connect(new InetSocketAddress(host, port));
            MqttSocket socket = new MqttSocket(channel);
            byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
            byte[] variable = {0, 4, 'M', 'Q', 'T', 'T', 4, 0x02, 0, KEEP_ALIVE_OFF};
            socket.packet(0x10, variable.length + 2 + id.length);
            socket.write(variable);
            socket.string(id);
            socket.flush();
            if (socket.next() != CONNACK || socket.body[1] != 0) {
                throw new IOException("the broker refused the connection (CONNACK return code " + socket.body[1] + ")");
            }
            return socket;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Subscribes to one topic filter at {@code qos} and waits for the SUBACK that grants it. */
    void subscribe(String filter, int qos) throws IOException {
        byte[] topic = filter.getBytes(StandardCharsets.UTF_8);
        packet(0x82, 2 + 2 + topic.length + 1);
        write(new byte[] {0, 1});
        string(topic);
        write(new byte[] {(byte) qos});
        flush();
        while (next() != SUBACK) {
            // a retained message may come first: nothing to count before the run starts
        }
        if ((body[2] & 0x80) != 0) {
            throw new IOException("the broker refused the subscription to \"" + filter + "\"");
        }
    }

    void beforeBlocking(ProtocolReader.BeforeBlocking hook) {
        this.beforeBlocking = hook;
    }

    /**
     * Reads up to the end of the next packet and returns its type; for a PUBLISH, {@link #qos()}
     * and {@link #packetId()} say what to acknowledge.
     */
    int next() throws IOException {
        ensure(2);
        int header = in.get() & 0xff;
        long remaining = remainingLength();
        int type = header >>> 4;
        if (type == PUBLISH) {
            qos = (header >>> 1) & 3;
            ensure(2);
            int topicLength = in.getShort() & 0xffff;
            skip(topicLength);
            remaining -= 2 + topicLength;
            if (qos > 0) {
                ensure(2);
                packetId = in.getShort() & 0xffff;
                remaining -= 2;
            }
            skip(remaining);
            return type;
        }
        int kept = (int) Math.min(remaining, body.length);
        ensure(kept);
        in.get(body, 0, kept);
        skip(remaining - kept);
        return type;
    }

    int qos() {
        return qos;
    }

    int packetId() {
        return packetId;
    }

    /** Queues a PUBACK. */
    void puback(int id) throws IOException {
        ack[2] = (byte) (id >>> 8);
        ack[3] = (byte) id;
        writer.write(ack);
    }

    /** Writes a whole buffer of ready packets straight to the socket, after what is queued. */
    void writeDirect(ByteBuffer packets) throws IOException {
        writer.writeDirect(packets);
    }

    void flush() throws IOException {
        writer.flush();
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** A fixed header: the first byte, then the remaining length in MQTT's variable-length form. */
    private void packet(int first, int remaining) throws IOException {
        write(new byte[] {(byte) first});
        write(MqttFrames.remainingLength(remaining));
    }

    private void string(byte[] utf8) throws IOException {
        write(new byte[] {(byte) (utf8.length >>> 8), (byte) utf8.length});
        write(utf8);
    }

    private void write(byte[] bytes) throws IOException {
        writer.write(bytes);
    }

    private long remainingLength() throws IOException {
        long value = 0;
        for (int shift = 0; shift < 28; shift += 7) {
            ensure(1);
            int b = in.get() & 0xff;
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IOException("malformed remaining length from the broker");
    }

    private void skip(long bytes) throws IOException {
        while (true) {
            int take = (int) Math.min(bytes, in.remaining());
            in.position(in.position() + take);
            bytes -= take;
            if (bytes == 0) {
                return;
            }
            fill();
        }
    }

    private void ensure(int bytes) throws IOException {
        while (in.remaining() < bytes) {
            fill();
        }
    }

    /** Reads more after what is unread, which moves to the start; the end of the stream is an error. */
    private void fill() throws IOException {
        in.compact();
        try {
            beforeBlocking.run();
            if (channel.read(in) < 0) {
                throw NatsSocket.closedBy("reading from the MQTT broker");
            }
        } finally {
            in.flip();
        }
    }
}
