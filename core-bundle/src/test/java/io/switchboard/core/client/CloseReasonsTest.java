package io.switchboard.core.client;

import io.netty.channel.embedded.EmbeddedChannel;
import io.switchboard.core.spi.transport.CloseReason;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CloseReasonsTest {

    @Test
    void errorsSentBeforeClosingNameNatsServersClosedStates() {
        assertThat(CloseReasons.forError("Authorization Violation")).isEqualTo(CloseReason.AUTHENTICATION_VIOLATION);
        assertThat(CloseReasons.forError("Maximum Payload Violation")).isEqualTo(CloseReason.MAX_PAYLOAD_EXCEEDED);
        assertThat(CloseReasons.forError("maximum control line exceeded")).isEqualTo(CloseReason.MAX_CONTROL_LINE_EXCEEDED);
        assertThat(CloseReasons.forError("Unknown Protocol Operation")).isEqualTo(CloseReason.PROTOCOL_VIOLATION);
        assertThat(CloseReasons.forError(null)).isEqualTo(CloseReason.PROTOCOL_VIOLATION);
    }

    @Test
    void theFirstReasonStays() {
        EmbeddedChannel channel = new EmbeddedChannel();
        CloseReasons.record(channel, CloseReason.SERVER_SHUTDOWN);
        CloseReasons.recordForError(channel, "Stale Connection");
        assertThat(channel.attr(CloseReason.KEY).get()).isEqualTo(CloseReason.SERVER_SHUTDOWN);
        channel.finishAndReleaseAll();
    }
}
