package io.switchboard.core.subject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Matchers race writers that keep inserting and removing subscriptions. Whenever a subscription's
 * membership did not change while a match ran, the match must reflect it exactly: a stale cached
 * result would show a subscription that was removed before, or miss one inserted before.
 */
class SubjectIndexConcurrencyTest {

    private static final int SUBJECTS = 24;
    private static final int MATCHERS = 3;
    private static final int WRITERS = 2;
    private static final long RUN_MILLIS = 1_500;

    /**
     * A churning subscription. Its version is odd while a writer changes its membership, and the
     * membership it reports is the one the last completed change established.
     */
    private static final class Slot {
        final TestSub sub;
        final AtomicLong version = new AtomicLong();
        volatile boolean present;

        Slot(TestSub sub) {
            this.sub = sub;
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {SubjectIndex.DEFAULT_CACHE_CAPACITY, 8, 0})
    @Timeout(60)
    void neverReturnsStaleResults(int cacheCapacity) throws Exception {
        SubjectIndex<TestSub> index = new SubjectIndex<>(cacheCapacity);
        List<TestSub> stable = List.of(TestSub.plain("s.>"), TestSub.queue("*.*", "stable"));
        stable.forEach(index::insert);
        List<Slot> slots = createSlots();

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicReference<String> failure = new AtomicReference<>();
        AtomicLong settledChecks = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(MATCHERS + WRITERS);
        try {
            List<Future<?>> tasks = new ArrayList<>();
            for (int m = 0; m < MATCHERS; m++) {
                long seed = m;
                tasks.add(threads.submit(() -> {
                    await(start);
                    match(index, slots, stable, new SplittableRandom(seed), running, failure, settledChecks);
                }));
            }
            for (int w = 0; w < WRITERS; w++) {
                List<Slot> own = new ArrayList<>();
                for (int i = w; i < slots.size(); i += WRITERS) {
                    own.add(slots.get(i));
                }
                long seed = 100 + w;
                tasks.add(threads.submit(() -> {
                    await(start);
                    write(index, own, new SplittableRandom(seed), running);
                }));
            }
            start.countDown();
            Thread.sleep(RUN_MILLIS);
            running.set(false);
            for (Future<?> task : tasks) {
                task.get(30, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }

        assertNull(failure.get());
        assertTrue(settledChecks.get() > 10_000, "only " + settledChecks.get() + " settled checks");
        long present = slots.stream().filter(slot -> slot.present).count();
        assertEquals(stable.size() + present, index.count());
        index.removeAll(stable);
        slots.forEach(slot -> index.remove(slot.sub));
        assertEquals(0, index.count());
        assertEquals(0, index.nodeCount());
    }

    private static List<Slot> createSlots() {
        List<Slot> slots = new ArrayList<>();
        for (int i = 0; i < SUBJECTS; i++) {
            slots.add(new Slot(TestSub.plain("s." + i)));
            slots.add(new Slot(TestSub.queue("s." + i, "q" + (i % 2))));
            slots.add(new Slot(TestSub.plain("*." + i)));
            slots.add(new Slot(TestSub.queue("s.*", "q" + (i % 3))));
            slots.add(new Slot(TestSub.plain("s.>")));
        }
        return slots;
    }

    private static void write(
            SubjectIndex<TestSub> index, List<Slot> own, SplittableRandom random, AtomicBoolean running) {
        while (running.get()) {
            if (random.nextInt(10) == 0) {
                removeBatch(index, own, random);
                continue;
            }
            Slot slot = own.get(random.nextInt(own.size()));
            slot.version.incrementAndGet();
            if (slot.present) {
                index.remove(slot.sub);
                slot.present = false;
            } else {
                index.insert(slot.sub);
                slot.present = true;
            }
            slot.version.incrementAndGet();
        }
    }

    private static void removeBatch(SubjectIndex<TestSub> index, List<Slot> own, SplittableRandom random) {
        List<Slot> batch = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Slot slot = own.get(random.nextInt(own.size()));
            if (slot.present && !batch.contains(slot)) {
                batch.add(slot);
            }
        }
        batch.forEach(slot -> slot.version.incrementAndGet());
        index.removeAll(batch.stream().map(slot -> slot.sub).toList());
        batch.forEach(slot -> {
            slot.present = false;
            slot.version.incrementAndGet();
        });
    }

    private static void match(SubjectIndex<TestSub> index, List<Slot> slots, List<TestSub> stable,
                              SplittableRandom random, AtomicBoolean running, AtomicReference<String> failure,
                              AtomicLong settledChecks) {
        long[] versions = new long[slots.size()];
        boolean[] present = new boolean[slots.size()];
        long checks = 0;
        while (running.get() && failure.get() == null) {
            String subject = "s." + random.nextInt(SUBJECTS);
            for (int i = 0; i < slots.size(); i++) {
                versions[i] = slots.get(i).version.get();
                present[i] = slots.get(i).present;
            }
            MatchResult<TestSub> result = index.match(subject);
            boolean interest = index.hasInterest(subject);
            List<TestSub> matched = Results.all(result);
            for (TestSub sub : stable) {
                expect(occurrences(matched, sub) == 1, "stable " + sub + " missing for " + subject, failure);
            }
            expect(interest, "no interest in " + subject, failure);
            for (int i = 0; i < slots.size(); i++) {
                Slot slot = slots.get(i);
                if ((versions[i] & 1) != 0 || slot.version.get() != versions[i]) {
                    continue;
                }
                boolean expected = present[i] && Subjects.subjectMatches(slot.sub.subject(), subject);
                int found = occurrences(matched, slot.sub);
                expect(found == (expected ? 1 : 0),
                        slot.sub + " found " + found + " times for " + subject + ", present=" + present[i], failure);
                checks++;
            }
        }
        settledChecks.addAndGet(checks);
    }

    private static int occurrences(List<TestSub> matched, TestSub sub) {
        int count = 0;
        for (TestSub candidate : matched) {
            if (candidate == sub) {
                count++;
            }
        }
        return count;
    }

    private static void expect(boolean condition, String message, AtomicReference<String> failure) {
        if (!condition) {
            failure.compareAndSet(null, message);
        }
    }

    private static void await(CountDownLatch start) {
        try {
            start.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
