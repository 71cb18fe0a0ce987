package io.switchboard.bench;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

/** {@code bin/switchboard-bench}: one benchmark run against a NATS server, with a summary table at the end. */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.exit(run(List.of(args)));
    }

    static int run(List<String> args) throws InterruptedException {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("switchboard-bench: " + e.getMessage());
            System.err.print(BenchOptions.USAGE);
            return 2;
        }
        if (options.help()) {
            System.out.print(BenchOptions.USAGE);
            return 0;
        }
        System.err.println(describe(options));
        try {
            BenchResult result = new Bench(options).run(System.err);
            if (options.json()) {
                System.err.print(result.table());
                System.out.println(result.json());
            } else {
                System.out.print(result.table());
            }
            return 0;
        } catch (IOException e) {
            System.err.println("switchboard-bench: " + e.getMessage());
            return 1;
        }
    }

    static String describe(BenchOptions o) {
        String receivers = o.request() ? o.subscribers() + " replier(s) in a queue group"
                : o.subscribers() + (o.queue() ? " queue subscriber(s)" : " subscriber(s)");
        String senders = o.publishers() + (o.request() ? " requester(s)" : " publisher(s)");
        return String.format(Locale.ROOT, "%s: %s, %s, %,d msgs of %,d B on \"%s\"%s", o.url(), senders, receivers,
                o.messages(), o.size(), o.subject(), o.mqtt() ? " at QoS " + o.qos() : "");
    }
}
