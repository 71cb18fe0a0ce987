package io.switchboard.core.subject;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Match, insert and remove costs of {@link SubjectIndex} over an order-routing fixture of about
 * 56,000 subscriptions: one per order ({@code orders.<region>.<id>}), a fulfilment queue member for
 * every tenth order, per-region {@code orders.<region>.*} listeners and worker queue groups,
 * cross-region {@code orders.*.<id>} trackers and a few {@code orders.>} monitors and archivers.
 *
 * <p>Run it from {@code core-bundle} (the forked JVMs need the test classpath on the command line,
 * which rules out {@code exec:java}):
 * <pre>
 * mvn -q test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
 *     -Dexec.args="-cp %classpath io.switchboard.core.subject.SubjectIndexBenchmark -f 1 -wi 2 -w 1s -i 3 -r 1s"
 * </pre>
 * Any JMH command-line option can be passed the same way.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class SubjectIndexBenchmark {

    private static final String[] REGIONS = {"eu", "us", "ap", "sa", "af", "me", "na", "oc", "an", "ca"};
    private static final int ORDERS_PER_REGION = 5_000;
    private static final int TRACKED_ORDERS = 1_000;
    private static final int HOT_SUBJECTS = 512;
    private static final int BATCH = 1_000;

    /** A subscription of the fixture. */
    static final class Sub implements Subscription {
        private final String subject;
        private final String queue;

        Sub(String subject, String queue) {
            this.subject = subject;
            this.queue = queue;
        }

        @Override
        public String subject() {
            return subject;
        }

        @Override
        public String queue() {
            return queue;
        }
    }

    private SubjectIndex<Sub> cached;
    private SubjectIndex<Sub> uncached;
    private String[] hotSubjects;
    private String[] coldSubjects;
    private Sub wildcardChurn;

    @Setup(Level.Trial)
    public void createFixture() {
        cached = new SubjectIndex<>();
        uncached = new SubjectIndex<>(0);
        List<String> published = new ArrayList<>();
        for (String region : REGIONS) {
            for (int id = 0; id < ORDERS_PER_REGION; id++) {
                String subject = "orders." + region + "." + id;
                published.add(subject);
                add(new Sub(subject, null));
                if (id % 10 == 0) {
                    add(new Sub(subject, "fulfilment"));
                }
            }
            published.add("orders." + region + ".unknown");
            add(new Sub("orders." + region + ".*", null));
            for (int member = 0; member < 4; member++) {
                add(new Sub("orders." + region + ".*", "workers-" + region));
            }
        }
        for (int id = 0; id < TRACKED_ORDERS; id++) {
            add(new Sub("orders.*." + id, null));
        }
        for (int i = 0; i < 3; i++) {
            add(new Sub("orders.>", null));
            add(new Sub("orders.>", "archivers"));
        }
        Collections.shuffle(published, new Random(1));
        coldSubjects = published.toArray(String[]::new);
        hotSubjects = published.subList(0, HOT_SUBJECTS).toArray(String[]::new);
        for (String subject : hotSubjects) {
            cached.match(subject);
        }
        wildcardChurn = new Sub("orders.eu.*", "churn");
    }

    private void add(Sub sub) {
        cached.insert(sub);
        uncached.insert(sub);
    }

    /** Where each benchmark thread is in the subject lists. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;

        String nextOf(String[] subjects) {
            String subject = subjects[next];
            next = next + 1 == subjects.length ? 0 : next + 1;
            return subject;
        }
    }

    /** A batch of new literal subscriptions, different for each invocation. */
    abstract static class Batch {
        final List<Sub> subs = new ArrayList<>();
        private int round;

        void refill() {
            subs.clear();
            round++;
            for (int i = 0; i < BATCH; i++) {
                subs.add(new Sub("orders." + REGIONS[i % REGIONS.length] + ".new" + round + "-" + i, null));
            }
        }
    }

    /** A few hundred subjects always found in the cache: the steady state of a busy server. */
    @Benchmark
    public MatchResult<Sub> matchCacheHit(Cursor cursor) {
        return cached.match(cursor.nextOf(hotSubjects));
    }

    /** Over 50,000 distinct subjects against a 1,024-entry cache: nearly every match misses. */
    @Benchmark
    public MatchResult<Sub> matchCacheMiss(Cursor cursor) {
        return cached.match(cursor.nextOf(coldSubjects));
    }

    /** The trie walk and result building alone, without any cache upkeep. */
    @Benchmark
    public MatchResult<Sub> matchUncached(Cursor cursor) {
        return uncached.match(cursor.nextOf(coldSubjects));
    }

    @Benchmark
    public boolean hasInterestCacheMiss(Cursor cursor) {
        return uncached.hasInterest(cursor.nextOf(coldSubjects));
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void insert(InsertBatch batch) {
        for (Sub sub : batch.subs) {
            cached.insert(sub);
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void remove(RemoveBatch batch) {
        for (Sub sub : batch.subs) {
            cached.remove(sub);
        }
    }

    /** A wildcard insert updates, and its remove drops, every matching entry of a warm cache. */
    @Benchmark
    public void insertAndRemoveWildcard() {
        cached.insert(wildcardChurn);
        cached.remove(wildcardChurn);
    }

    /** New subscriptions to insert, taken out again after each invocation. */
    @State(Scope.Thread)
    public static class InsertBatch extends Batch {
        @Setup(Level.Invocation)
        public void prepare() {
            refill();
        }

        @TearDown(Level.Invocation)
        public void removeSubs(SubjectIndexBenchmark benchmark) {
            benchmark.cached.removeAll(subs);
        }
    }

    /** Subscriptions inserted before each invocation, to remove one by one. */
    @State(Scope.Thread)
    public static class RemoveBatch extends Batch {
        @Setup(Level.Invocation)
        public void prepare(SubjectIndexBenchmark benchmark) {
            refill();
            subs.forEach(benchmark.cached::insert);
        }
    }

    public static void main(String[] args) throws Exception {
        CommandLineOptions commandLine = new CommandLineOptions(args);
        OptionsBuilder options = new OptionsBuilder();
        options.parent(commandLine);
        if (commandLine.getIncludes().isEmpty()) {
            options.include(SubjectIndexBenchmark.class.getName());
        }
        new Runner(options.build()).run();
    }
}
