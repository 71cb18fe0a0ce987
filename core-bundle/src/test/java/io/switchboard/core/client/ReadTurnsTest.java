package io.switchboard.core.client;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReadTurnsTest {

    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final ReadHolds reads = new ReadHolds(channel);
    private final ReadTurns sut = new ReadTurns(channel, reads);

    @Test
    void aLargeBatchStopsReadingUntilTheLoopsNextRound() {
        sut.read(ReadTurns.YIELD_AFTER / 2);
        sut.read(ReadTurns.YIELD_AFTER / 2);
        sut.endBatch();
        assertThat(channel.config().isAutoRead()).isFalse();

        channel.runScheduledPendingTasks();
        assertThat(channel.config().isAutoRead()).isTrue();
    }

    @Test
    void smallBatchesReadOn() {
        for (int i = 0; i < 8; i++) {
            sut.read(ReadTurns.YIELD_AFTER / 2 - 1);
            sut.endBatch();
        }
        assertThat(channel.config().isAutoRead()).isTrue();
    }

    @Test
    void anotherHoldOutlastsTheTurn() {
        reads.hold(ReadHolds.Reason.PACING);
        sut.read(ReadTurns.YIELD_AFTER);
        sut.endBatch();
        channel.runScheduledPendingTasks();
        assertThat(channel.config().isAutoRead()).isFalse();
    }
}
