package io.switchboard.it;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static org.awaitility.Awaitility.await;

/**
 * A raw-socket subscriber to numbered messages ({@link NumberedTraffic#payload}) that reads for a
 * while, then stops reading until the server cuts it as a slow consumer, takes in what was still in
 * the socket, and subscribes again; after {@link #finish} it reads on without stalling. Each
 * connection is a session: a number missing between two sessions went while it was cut.
 */
final class StalledSubscriber implements AutoCloseable {

    /** The numbers one connection received before the server cut it. */
    record Session(long first, long last) {
    }

    private static final int READ_BEFORE_STALL = 200;
    private static final Duration CUT_WAIT = Duration.ofSeconds(30);

    private final int port;
    private final String subject;
    private final BooleanSupplier cutSeen;
    private final NumberedArrivals arrivals = new NumberedArrivals();
    private final List<Session> sessions = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private volatile boolean stalling = true;
    private volatile boolean closed;
    private volatile Socket socket;
    private volatile Exception failure;

    /** {@code cutSeen} answers whether the server has counted a new slow consumer since it was last asked. */
    StalledSubscriber(int port, String subject, BooleanSupplier cutSeen) {
        this.port = port;
        this.subject = subject;
        this.cutSeen = cutSeen;
        reader = new Thread(this::run, "stalled-subscriber");
        reader.start();
    }

    private void run() {
        try {
            while (!closed) {
                session();
            }
        } catch (Exception e) {
            if (!closed) {
                failure = e;
            }
        }
    }

    private void session() throws IOException {
        Socket connection = new Socket();
        connection.setReceiveBufferSize(4096);
        connection.connect(new InetSocketAddress("127.0.0.1", port));
        socket = connection;
        try (connection) {
            connection.getOutputStream().write(("CONNECT {\"verbose\":false,\"pedantic\":false}\r\nSUB " + subject
                    + " 1\r\nPING\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = new BufferedInputStream(connection.getInputStream());
            long first = -1;
            long last = -1;
            int read = 0;
            boolean stalled = false;
            try {
                while (true) {
                    if (stalling && !stalled && read >= READ_BEFORE_STALL) {
                        await().atMost(CUT_WAIT).until(() -> !stalling || cutSeen.getAsBoolean());
                        stalled = true;
                    }
                    long n = next(in, connection);
                    if (n >= 0) {
                        first = first < 0 ? n : first;
                        last = n;
                        read++;
                    }
                }
            } catch (EOFException | SocketException cut) {
                if (!closed) {
                    sessions.add(new Session(first, last));
                }
            }
        } catch (IOException e) {
            if (!closed) {
                throw e;
            }
        }
    }

    /** The number of the next message, or -1 for another line (INFO, PONG, a PING answered). */
    private long next(InputStream in, Socket connection) throws IOException {
        String line = line(in);
        if (line.startsWith("MSG ")) {
            String[] parts = line.split(" ");
            byte[] payload = in.readNBytes(Integer.parseInt(parts[parts.length - 1]) + 2);
            long n = NumberedTraffic.number(Arrays.copyOf(payload, payload.length - 2));
            arrivals.arrived(n);
            return n;
        }
        if (line.equals("PING")) {
            connection.getOutputStream().write("PONG\r\n".getBytes(StandardCharsets.US_ASCII));
        } else if (line.startsWith("-ERR")) {
            throw new EOFException(line);
        }
        return -1;
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new EOFException("closed");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    /** From now on the subscriber reads without stalling; the session under way ends with {@link #close}. */
    void finish() {
        stalling = false;
    }

    NumberedArrivals arrivals() {
        return arrivals;
    }

    /** The sessions that ended, each with a cut. */
    List<Session> sessions() {
        return List.copyOf(sessions);
    }

    Exception failure() {
        return failure;
    }

    @Override
    public void close() throws Exception {
        closed = true;
        Socket current = socket;
        if (current != null) {
            current.close();
        }
        reader.join(Duration.ofSeconds(30).toMillis());
    }
}
