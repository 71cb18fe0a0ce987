package io.switchboard.core.spi.transport;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReadTurnsTest {

    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final ReadTurns sut = new ReadTurns(channel);

    @Test
    void theReadThatFillsABatchIsItsLastUntilTheLoopsNextRound() {
        sut.read(ReadTurns.YIELD_AFTER / 2);
        assertThat(channel.config().isAutoRead()).isTrue();
        sut.read(ReadTurns.YIELD_AFTER / 2);
        assertThat(channel.config().isAutoRead()).isFalse();

        sut.endBatch();
        assertThat(channel.config().isAutoRead()).isFalse();
        channel.runScheduledPendingTasks();
        assertThat(channel.config().isAutoRead()).isTrue();
    }

    @Test
    void smallBatchesReadOn() {
        for (int i = 0; i < 8; i++) {
            sut.read(ReadTurns.YIELD_AFTER / 2 - 1);
            sut.read(1);
            sut.endBatch();
        }
        assertThat(channel.config().isAutoRead()).isTrue();
    }
}
