package io.switchboard.core.spi.link;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The control lines of messages over links, as nats-server writes them. */
class LinkMessageTest {

    @Test
    void plainInterestOnly() {
        assertThat(LinkMessage.controlLine("$G", "foo", null, 0, 5, List.of())).isEqualTo("RMSG $G foo 5");
        assertThat(LinkMessage.controlLine("$G", "foo", "_INBOX.1", 0, 5, List.of()))
                .isEqualTo("RMSG $G foo _INBOX.1 5");
    }

    @Test
    void queueGroupsFollowAReplyMarkerOrABar() {
        assertThat(LinkMessage.controlLine("$G", "foo", "r", 0, 5, List.of("q1", "q2")))
                .isEqualTo("RMSG $G foo + r q1 q2 5");
        assertThat(LinkMessage.controlLine("$G", "foo", null, 0, 5, List.of("q1")))
                .isEqualTo("RMSG $G foo | q1 5");
    }

    @Test
    void headersMakeAnHmsgWithTheirSize() {
        assertThat(LinkMessage.controlLine("ACC", "foo", "r", 12, 17, List.of("q")))
                .isEqualTo("HMSG ACC foo + r q 12 17");
        assertThat(LinkMessage.controlLine("ACC", "foo", null, 12, 17, List.of())).isEqualTo("HMSG ACC foo 12 17");
    }

    @Test
    void aLeafNodeMessageNamesNoAccount() {
        assertThat(LinkMessage.controlLine(null, "foo", "r", 0, 5, List.of("q"))).isEqualTo("LMSG foo + r q 5");
        assertThat(LinkMessage.controlLine(null, "foo", null, 0, 5, List.of())).isEqualTo("LMSG foo 5");
        assertThat(LinkMessage.controlLine(null, "foo", null, 12, 17, List.of())).isEqualTo("HMSG foo 12 17");
    }
}
