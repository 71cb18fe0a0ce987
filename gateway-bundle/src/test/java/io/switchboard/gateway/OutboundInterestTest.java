package io.switchboard.gateway;

import io.netty.buffer.ByteBuf;
import io.switchboard.core.spi.link.LinkSession;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-account interest modes of an outbound gateway connection. */
class OutboundInterestTest {

    /** The interest the router holds for the connection, as lines. */
    private static final class Interest implements LinkSession {
        final List<String> held = new ArrayList<>();

        @Override
        public boolean addInterest(String account, String subject, String queue, int weight) {
            held.add(account + " " + subject + (queue == null ? "" : " " + queue));
            return true;
        }

        @Override
        public void removeInterest(String account, String subject, String queue) {
            held.remove(account + " " + subject + (queue == null ? "" : " " + queue));
        }

        @Override
        public boolean deliver(String account, String subject, String reply, int headerSize, ByteBuf data,
                               List<String> queues) {
            return true;
        }

        @Override
        public void roundTrip(long nanos) {
        }

        @Override
        public void origin(String cluster) {
        }

        @Override
        public String origin() {
            return null;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            held.clear();
        }
    }

    private final Interest interest = new Interest();

    @Test
    void anOptimisticPeerGetsEverythingButWhatItRefused() {
        OutboundInterest sut = new OutboundInterest(interest, false);
        sut.start(List.of("$G", "ACC"));
        assertThat(interest.held).containsExactly("$G >", "ACC >");
        assertThat(sut.mode("$G")).isEqualTo(OutboundInterest.Mode.OPTIMISTIC);

        sut.unsubscribe("$G", "foo", null);
        assertThat(sut.wants("$G", "foo")).isFalse();
        assertThat(sut.wants("$G", "bar")).isTrue();
        sut.subscribe("$G", "foo", null, 1);
        assertThat(sut.wants("$G", "foo")).isTrue();

        sut.unsubscribe("$G", "a.b", null);
        sut.subscribe("$G", "a.*", null, 1);
        assertThat(sut.wants("$G", "a.b")).isTrue();

        sut.accountInterest("ACC", false);
        assertThat(interest.held).containsExactly("$G >");
        sut.accountInterest("ACC", true);
        assertThat(interest.held).containsExactly("$G >", "ACC >");
    }

    @Test
    void theSwitchToInterestOnlyReplacesTheCatchAllWithTheAnnouncedSubscriptions() {
        OutboundInterest sut = new OutboundInterest(interest, false);
        sut.start(List.of("$G"));
        sut.unsubscribe("$G", "foo", null);

        sut.allSubscriptionsStart("$G");
        assertThat(sut.mode("$G")).isEqualTo(OutboundInterest.Mode.TRANSITIONING);
        assertThat(sut.wants("$G", "foo")).isTrue();
        sut.subscribe("$G", "orders.>", null, 1);
        sut.allSubscriptionsComplete("$G");

        assertThat(sut.mode("$G")).isEqualTo(OutboundInterest.Mode.INTEREST_ONLY);
        assertThat(interest.held).containsExactly("$G orders.>");
        sut.unsubscribe("$G", "orders.>", null);
        assertThat(interest.held).isEmpty();
    }

    @Test
    void aPeerInInterestOnlyModeFromTheStartGetsOnlyWhatItAnnounced() {
        OutboundInterest sut = new OutboundInterest(interest, true);
        sut.start(List.of("$G"));
        assertThat(interest.held).isEmpty();
        assertThat(sut.mode("$G")).isEqualTo(OutboundInterest.Mode.INTEREST_ONLY);

        sut.allSubscriptionsStart("$G");
        sut.subscribe("$G", "foo", null, 1);
        sut.allSubscriptionsComplete("$G");
        sut.accountInterest("$G", false);
        assertThat(interest.held).containsExactly("$G foo");
    }

    @Test
    void queueSubscriptionsAreHeldInEveryMode() {
        OutboundInterest sut = new OutboundInterest(interest, false);
        sut.subscribe("$G", "jobs", "workers", 1);
        assertThat(interest.held).containsExactly("$G jobs workers");
        sut.unsubscribe("$G", "jobs", "workers");
        assertThat(interest.held).isEmpty();
    }
}
