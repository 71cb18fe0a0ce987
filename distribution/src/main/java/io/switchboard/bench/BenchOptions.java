package io.switchboard.bench;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What one bench run does, read from the command line in the manner of {@code nats bench}:
 * how many publishers and subscribers, whether the subscribers form a queue group or answer
 * requests, and how many messages of which size.
 */
record BenchOptions(String host, int port, boolean mqtt, int qos, String subject, int publishers, int subscribers,
                    boolean queue, boolean request, long messages, int size, Duration timeout, boolean progress,
                    boolean json, boolean help) {

    static final String USAGE = """
            Usage: switchboard-bench [options] [subject]

            Drives a NATS server (Switchboard or any other) and prints throughput and, for
            requests, latency percentiles. The subject defaults to "bench". With an mqtt://
            server URL it drives an MQTT 3.1.1 broker instead, the subject being the topic.

            Options:
                -s, --server <url>      Server to use (default: nats://127.0.0.1:4222; mqtt://host:1883 for MQTT)
                    --qos <0|1>         MQTT only: the QoS of the messages and of the subscriptions (default: 0)
                    --pub <n>           Publishers, or requesters with --request (default: 1)
                    --sub <n>           Subscribers, or repliers with --request (default: 0)
                    --queue             Subscribers join one queue group: each message goes to one of them
                    --request           Request/reply: each publisher waits for the reply before the next request
                -n, --msgs <n>          Messages in all, shared among the publishers (default: 100000; k and M allowed)
                    --size <bytes>      Payload size (default: 128; B, KiB, MiB allowed, e.g. 16KiB)
                    --timeout <secs>    Give up after this many seconds (default: 120)
                    --no-progress       Print no progress lines while running
                    --json              Print the result as one JSON line on standard output (the table goes to standard error)
                -h, --help              Show this help
            """;

    /** Reads the arguments; an argument it cannot use is an {@link IllegalArgumentException} naming it. */
    static BenchOptions parse(List<String> args) {
        URI server = URI.create("nats://127.0.0.1:4222");
        String subject = null;
        int qos = 0;
        int publishers = 1;
        int subscribers = 0;
        boolean queue = false;
        boolean request = false;
        long messages = 100_000;
        int size = 128;
        long timeoutSeconds = 120;
        boolean progress = true;
        boolean json = false;
        boolean help = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String flag = arg;
            String inline = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("-") && eq > 0) {
                flag = arg.substring(0, eq);
                inline = arg.substring(eq + 1);
            }
            switch (flag) {
                case "-s", "--server" -> server = serverUri(inline != null ? inline : value(args, ++i, flag));
                case "--qos" -> qos = (int) count(inline != null ? inline : value(args, ++i, flag), flag, 0, 1);
                case "--pub" -> publishers = (int) count(inline != null ? inline : value(args, ++i, flag), flag, 0, 10_000);
                case "--sub" -> subscribers = (int) count(inline != null ? inline : value(args, ++i, flag), flag, 0, 10_000);
                case "--queue" -> queue = true;
                case "--request" -> request = true;
                case "-n", "--msgs" -> messages = count(inline != null ? inline : value(args, ++i, flag), flag, 1, Long.MAX_VALUE);
                case "--size" -> size = (int) bytes(inline != null ? inline : value(args, ++i, flag));
                case "--timeout" -> timeoutSeconds = count(inline != null ? inline : value(args, ++i, flag), flag, 1, 86_400);
                case "--no-progress" -> progress = false;
                case "--json" -> json = true;
                case "-h", "--help" -> help = true;
                default -> {
                    if (arg.startsWith("-") || subject != null) {
                        throw new IllegalArgumentException("unknown argument: " + arg);
                    }
                    subject = arg;
                }
            }
        }
        if (request && subscribers == 0) {
            subscribers = 1;
        }
        if (publishers == 0 && subscribers == 0 && !help) {
            throw new IllegalArgumentException("nothing to do: --pub and --sub are both 0");
        }
        if (publishers == 0 && request) {
            throw new IllegalArgumentException("--request needs at least one publisher");
        }
        boolean mqtt = "mqtt".equals(server.getScheme());
        if (mqtt && (queue || request)) {
            throw new IllegalArgumentException("--queue and --request are for NATS servers, not mqtt://");
        }
        if (!mqtt && qos > 0) {
            throw new IllegalArgumentException("--qos is for mqtt:// servers");
        }
        return new BenchOptions(server.getHost(), server.getPort() >= 0 ? server.getPort() : mqtt ? 1883 : 4222,
                mqtt, qos, subject == null ? "bench" : subject, publishers, subscribers, queue && !request, request,
                messages, size, Duration.ofSeconds(timeoutSeconds), progress, json, help);
    }

    /** Messages publisher {@code i} sends: an even share, the first ones one more when it does not divide. */
    long share(int i) {
        long base = messages / publishers;
        return i < messages % publishers ? base + 1 : base;
    }

    String url() {
        return (mqtt ? "mqtt://" : "nats://") + host + ":" + port;
    }

    private static String value(List<String> args, int i, String flag) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args.get(i);
    }

    private static URI serverUri(String text) {
        URI uri = URI.create(text.contains("://") ? text : "nats://" + text);
        if (uri.getHost() == null || !"nats".equals(uri.getScheme()) && !"mqtt".equals(uri.getScheme())) {
            throw new IllegalArgumentException("not a nats:// or mqtt:// server URL: " + text);
        }
        return uri;
    }

    /** A count such as {@code 250000}, {@code 250k} or {@code 2M} (thousands, millions). */
    static long count(String text, String flag, long min, long max) {
        String t = text.trim().replace("_", "");
        long unit = 1;
        if (t.endsWith("k") || t.endsWith("K")) {
            unit = 1_000;
        } else if (t.endsWith("M")) {
            unit = 1_000_000;
        }
        if (unit > 1) {
            t = t.substring(0, t.length() - 1);
        }
        long value;
        try {
            value = Math.multiplyExact(Long.parseLong(t), unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(flag + ": not a count: " + text);
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(flag + ": " + text + " is out of range " + min + ".." + max);
        }
        return value;
    }

    /** A size such as {@code 16}, {@code 16B}, {@code 16KiB}, {@code 16k} or {@code 1MiB} (powers of 1024). */
    static long bytes(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        for (String[] suffix : new String[][] {{"kib", "1024"}, {"kb", "1024"}, {"k", "1024"},
                {"mib", "1048576"}, {"mb", "1048576"}, {"m", "1048576"}, {"b", "1"}}) {
            if (t.endsWith(suffix[0])) {
                unit = Long.parseLong(suffix[1]);
                t = t.substring(0, t.length() - suffix[0].length());
                break;
            }
        }
        try {
            long value = Math.multiplyExact(Long.parseLong(t.trim()), unit);
            if (value < 0 || value > 64L * 1024 * 1024) {
                throw new IllegalArgumentException("--size: " + text + " is out of range 0..64MiB");
            }
            return value;
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("--size: not a size: " + text);
        }
    }
}
