package io.switchboard.core.client;

import io.netty.channel.embedded.EmbeddedChannel;
import io.switchboard.core.spi.transport.ReadTurns;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReadHoldsTest {

    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final ReadHolds sut = new ReadHolds(channel);

    @Test
    void anotherHoldOutlastsTheTurn() {
        ReadTurns turns = new ReadTurns(channel, sut.forTurns());
        sut.hold(ReadHolds.Reason.PACING);
        turns.read(ReadTurns.YIELD_AFTER);
        turns.endBatch();
        channel.runScheduledPendingTasks();
        assertThat(channel.config().isAutoRead()).isFalse();

        sut.release(ReadHolds.Reason.PACING);
        assertThat(channel.config().isAutoRead()).isTrue();
    }

    @Test
    void theTurnOutlastsAnotherHold() {
        ReadTurns turns = new ReadTurns(channel, sut.forTurns());
        sut.hold(ReadHolds.Reason.PACING);
        turns.read(ReadTurns.YIELD_AFTER);
        sut.release(ReadHolds.Reason.PACING);
        assertThat(channel.config().isAutoRead()).isFalse();

        turns.endBatch();
        channel.runScheduledPendingTasks();
        assertThat(channel.config().isAutoRead()).isTrue();
    }
}
