package io.switchboard.core.routing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FlushBatchTest {

    /** A target that counts its flushes and reports a fixed backlog. */
    private static final class Target extends DeferredFlush {
        final long pending;
        final boolean backlogged;
        int flushes;

        Target(long pending, boolean backlogged) {
            this.pending = pending;
            this.backlogged = backlogged;
        }

        @Override
        public void requestFlush() {
            flushes++;
        }

        @Override
        public boolean backlogged() {
            return backlogged;
        }

        @Override
        public long pendingBytes() {
            return pending;
        }
    }

    private final FlushBatch sut = new FlushBatch();

    @Test
    void flushesEveryTouchedTargetOncePerBatch() {
        Target a = new Target(0, false);
        Target b = new Target(0, false);
        sut.add(a);
        sut.add(b);
        sut.add(a);
        assertThat(sut.flushAll()).isNull();
        assertThat(a.flushes).isEqualTo(1);
        assertThat(b.flushes).isEqualTo(1);
        sut.add(a);
        sut.flushAll();
        assertThat(a.flushes).isEqualTo(2);
        assertThat(b.flushes).isEqualTo(1);
    }

    @Test
    void namesTheMostBackloggedTargetThatAsksToBeWaitedFor() {
        Target small = new Target(5_000_000, true);
        Target large = new Target(9_000_000, true);
        Target notWaitedFor = new Target(50_000_000, false);
        sut.add(small);
        sut.add(notWaitedFor);
        sut.add(large);
        assertThat(sut.flushAll()).isSameAs(large);
        assertThat(sut.flushAll()).isNull();
    }
}
