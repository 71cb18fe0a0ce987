package io.switchboard.core.routing;

import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** How an account shares messages between its local subscribers and its links. */
class AccountLinksTest {

    private final InterestFeed feed = new InterestFeed();
    private final Account sut = new Account("$G", feed);
    private final FlushBatch batch = new FlushBatch();

    @Test
    void aLinkGetsAMessageOnceWhateverNumberOfItsInterestsMatch() {
        RecordingLink route = new RecordingLink();
        sut.index().insert(new LinkSubscription(route, "orders.*", null, 1));
        sut.index().insert(new LinkSubscription(route, "orders.>", null, 1));
        sut.index().insert(new LinkSubscription(route, "orders.new", "workers", 2));

        sut.publish(new Object(), true, message("orders.new"), batch);

        assertThat(route.forwarded).containsExactly("$G orders.new [workers]");
    }

    @Test
    void eachQueueGroupTakesAMessageOnceAcrossLocalMembersAndLinks() {
        RecordingLink route = new RecordingLink();
        LocalSub local = new LocalSub("jobs", "workers");
        sut.addLocal(local);
        sut.index().insert(new LinkSubscription(route, "jobs", "workers", 3));

        for (int i = 0; i < 400; i++) {
            sut.publish(new Object(), true, message("jobs"), batch);
        }

        assertThat(local.received() + route.forwarded.size()).isEqualTo(400);
        assertThat(local.received()).isPositive();
        // the remote server has three members to the local one
        assertThat(route.forwarded.size()).isGreaterThan(local.received());
    }

    @Test
    void whatALinkBringsGoesToLocalSubscribersAndTheNamedGroupsOnly() {
        RecordingLink route = new RecordingLink();
        RecordingLink other = new RecordingLink();
        LocalSub plain = new LocalSub("news", null);
        LocalSub named = new LocalSub("news", "readers");
        LocalSub unnamed = new LocalSub("news", "others");
        sut.addLocal(plain);
        sut.addLocal(named);
        sut.addLocal(unnamed);
        sut.index().insert(new LinkSubscription(other, "news", null, 1));
        sut.index().insert(new LinkSubscription(other, "news", "readers", 1));

        sut.deliverFromLink(message("news"), List.of("readers"), batch);

        assertThat(plain.received()).isEqualTo(1);
        assertThat(named.received()).isEqualTo(1);
        assertThat(unnamed.received()).isZero();
        assertThat(other.forwarded).isEmpty();
        assertThat(route.forwarded).isEmpty();
    }

    @Test
    void listenersHearOfLocalInterestOnlyAndExactlyOnce() {
        LocalSub before = new LocalSub("a", null);
        sut.addLocal(before);
        sut.index().insert(new LinkSubscription(new RecordingLink(), "remote", null, 1));
        List<String> heard = new ArrayList<>();
        feed.attach(new InterestFeed.Listener() {
            @Override
            public void added(Account account, Interest interest) {
                heard.add("+" + interest.subject());
            }

            @Override
            public void removed(Account account, Interest interest) {
                heard.add("-" + interest.subject());
            }
        }, List.of(sut));
        LocalSub after = new LocalSub("b", "q");
        sut.addLocal(after);
        sut.removeLocal(before);
        sut.removeLocal(before);
        sut.removeAllLocal(List.of(after, before));

        assertThat(heard).containsExactly("+a", "+b", "-a", "-b");
    }

    private static Message message(String subject) {
        Message m = new Message();
        m.subject = subject;
        m.payload(Unpooled.copiedBuffer("x", StandardCharsets.UTF_8));
        return m;
    }

    private static final class RecordingLink extends LinkTarget {
        final List<String> forwarded = new ArrayList<>();

        @Override
        public boolean forward(Account account, Message message, List<String> queues) {
            forwarded.add(account.name() + " " + message.subject + " " + queues);
            return true;
        }

        @Override
        public void requestFlush() {
        }
    }

    /** A local subscriber that counts what it is handed. */
    private record LocalSub(String subject, String queue, AtomicInteger count) implements Interest {

        LocalSub(String subject, String queue) {
            this(subject, queue, new AtomicInteger());
        }

        int received() {
            return count.get();
        }

        @Override
        public Object owner() {
            return this;
        }

        @Override
        public boolean deliver(Message message, FlushBatch batch) {
            count.incrementAndGet();
            return true;
        }
    }
}
