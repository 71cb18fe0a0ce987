package io.switchboard.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * What a server's scale costs, measured over raw sockets and printed as one JSON line: the rate
 * at which it accepts connections or installs subscriptions and its memory per connection or
 * per subscription ({@link RssGrowth}), and how fast it routes messages with many subscriptions
 * installed. {@code bench/compare.sh} runs it against both servers.
 *
 * <p>Usage: {@code ScaleProbe <host:port> <server pid> connections <n>},
 * {@code ... subscriptions <n> literal|mixed} or {@code ... match <subscriptions> <messages>}.
 */
public final class ScaleProbe {

    /** In a mixed set, one subscription in ten ends in {@code *} and one in ten in {@code >}. */
    private static final int MIX = 10;

    private ScaleProbe() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: ScaleProbe <host:port> <server pid> connections <n> | subscriptions <n> literal|mixed"
                    + " | match <subscriptions> <messages>");
            System.exit(2);
        }
        String host = args[0].substring(0, args[0].lastIndexOf(':'));
        int port = Integer.parseInt(args[0].substring(args[0].lastIndexOf(':') + 1));
        long pid = Long.parseLong(args[1]);
        int n = Integer.parseInt(args[3]);
        String result = switch (args[2]) {
            case "connections" -> RssGrowth.measure(pid, "connections", n,
                    () -> LightConnections.open(host, port, n, "scale-probe")).json();
            case "subscriptions" -> {
                boolean mixed = args.length > 4 && args[4].equals("mixed");
                yield RssGrowth.measure(pid, "subscriptions", n, () -> subscribe(NatsSocket.connect(host, port), n, mixed)).json();
            }
            case "match" -> match(host, port, n, Integer.parseInt(args[4]));
            default -> throw new IllegalArgumentException("unknown measurement: " + args[2]);
        };
        System.out.println(result);
    }

    /** Distinct subjects of two tokens after {@code scale}, a thousand values in the last. */
    private static String subject(int i) {
        return "scale." + i / 1000 + "." + i % 1000;
    }

    private static String filter(int i, boolean mixed) {
        if (mixed && i % MIX == MIX - 1) {
            return subject(i) + ".*";
        }
        if (mixed && i % MIX == MIX - 2) {
            return subject(i) + ".>";
        }
        return subject(i);
    }

    /** Sends every SUB, then waits for the PONG that says the server has installed them all. */
    private static NatsSocket subscribe(NatsSocket socket, int subscriptions, boolean mixed) throws IOException {
        try {
            for (int i = 0; i < subscriptions; i++) {
                socket.write(("SUB " + filter(i, mixed) + " " + (i + 1) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            socket.roundTrip();
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Publishes to subjects picked at random among the installed literal ones; each message has one receiver. */
    private static String match(String host, int port, int subscriptions, int messages) throws Exception {
        try (NatsSocket subscriber = subscribe(NatsSocket.connect(host, port), subscriptions, false);
             NatsSocket publisher = NatsSocket.connect(host, port)) {
            SplittableRandom random = new SplittableRandom(subscriptions);
            byte[][] frames = new byte[Math.min(subscriptions, 65_536)][];
            for (int i = 0; i < frames.length; i++) {
                frames[i] = ("PUB " + subject(random.nextInt(subscriptions)) + " 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            }
            long start = System.nanoTime();
            Thread writer = new Thread(() -> publish(publisher, frames, messages), "match-publisher");
            writer.start();
            ProtocolReader reader = subscriber.reader();
            for (int received = 0; received < messages; ) {
                if (reader.next() == ProtocolReader.Op.MSG) {
                    received++;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            writer.join();
            return String.format(Locale.ROOT, "{\"subscriptions\":%d,\"msgs\":%d,\"seconds\":%.3f,\"rate\":%.0f}",
                    subscriptions, messages, seconds, messages / seconds);
        }
    }

    private static void publish(NatsSocket publisher, byte[][] frames, int messages) {
        try {
            for (int i = 0; i < messages; i++) {
                publisher.write(frames[i % frames.length]);
            }
            publisher.flush();
        } catch (IOException e) {
            throw new IllegalStateException("publishing failed", e);
        }
    }
}
