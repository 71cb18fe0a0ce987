package io.switchboard.core.client;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReadHoldsTest {

    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final ReadHolds sut = new ReadHolds(channel);

    @Test
    void readsResumeOnlyWhenEveryReasonIsReleased() {
        sut.hold(ReadHolds.Reason.AUTHENTICATION);
        sut.hold(ReadHolds.Reason.PACING);
        assertThat(channel.config().isAutoRead()).isFalse();

        sut.release(ReadHolds.Reason.PACING);
        assertThat(channel.config().isAutoRead()).isFalse();

        sut.release(ReadHolds.Reason.AUTHENTICATION);
        assertThat(channel.config().isAutoRead()).isTrue();
    }

    @Test
    void releasingAReasonNotHeldLeavesTheOtherInForce() {
        sut.hold(ReadHolds.Reason.AUTHENTICATION);
        sut.release(ReadHolds.Reason.PACING);
        assertThat(channel.config().isAutoRead()).isFalse();
    }

    @Test
    void aClosedChannelIsNotSetReadingAgain() {
        sut.hold(ReadHolds.Reason.PACING);
        channel.close();
        sut.release(ReadHolds.Reason.PACING);
        assertThat(channel.config().isAutoRead()).isFalse();
    }
}
