package io.switchboard.core.routing;

import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

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

    @Test
    void aQueueGroupPrefersItsLocalMemberToOneBehindALeafNode() {
        RecordingLink hub = new RecordingLink(LinkTarget.Role.HUB, null);
        LocalSub local = new LocalSub("jobs", "workers");
        sut.addLocal(local);
        sut.addLinked(new LinkSubscription(hub, "jobs", "workers", 5));

        for (int i = 0; i < 50; i++) {
            sut.publish(new Object(), true, message("jobs"), batch);
        }
        sut.removeLocal(local);
        sut.publish(new Object(), true, message("jobs"), batch);

        assertThat(local.received()).isEqualTo(50);
        assertThat(hub.forwarded).containsExactly("$G jobs [workers]");
    }

    @Test
    void whatTheHubBringsReachesClientsAndSpokesButNotRoutesNorItself() {
        RecordingLink hub = new RecordingLink(LinkTarget.Role.HUB, null);
        RecordingLink spoke = new RecordingLink(LinkTarget.Role.SPOKE, null);
        RecordingLink route = new RecordingLink();
        LocalSub client = new LocalSub("news", null);
        sut.addLocal(client);
        sut.addLinked(new LinkSubscription(hub, "news", null, 1));
        sut.addLinked(new LinkSubscription(spoke, "news", null, 1));
        sut.addLinked(new LinkSubscription(route, "news", null, 1));

        sut.deliverFromLeaf(hub, message("news"), List.of(), batch);

        assertThat(client.received()).isEqualTo(1);
        assertThat(spoke.forwarded).containsExactly("$G news []");
        assertThat(route.forwarded).isEmpty();
        assertThat(hub.forwarded).isEmpty();
    }

    @Test
    void whatASpokeBringsGoesOverRoutesButNotToItsOwnCluster() {
        RecordingLink spoke = new RecordingLink(LinkTarget.Role.SPOKE, "edge");
        RecordingLink sameCluster = new RecordingLink(LinkTarget.Role.SPOKE, "edge");
        RecordingLink otherCluster = new RecordingLink(LinkTarget.Role.SPOKE, "site");
        RecordingLink route = new RecordingLink();
        for (RecordingLink link : List.of(spoke, sameCluster, otherCluster, route)) {
            sut.addLinked(new LinkSubscription(link, "news", null, 1));
        }

        sut.deliverFromLeaf(spoke, message("news"), List.of(), batch);

        assertThat(route.forwarded).hasSize(1);
        assertThat(otherCluster.forwarded).hasSize(1);
        assertThat(sameCluster.forwarded).isEmpty();
        assertThat(spoke.forwarded).isEmpty();
    }

    @Test
    void aLeafNodesMessageTakesOnlyTheQueueGroupsItNames() {
        RecordingLink spoke = new RecordingLink(LinkTarget.Role.SPOKE, null);
        LocalSub named = new LocalSub("jobs", "a");
        LocalSub unnamed = new LocalSub("jobs", "b");
        sut.addLocal(named);
        sut.addLocal(unnamed);

        sut.deliverFromLeaf(spoke, message("jobs"), List.of("a"), batch);
        sut.deliverFromLeaf(spoke, message("jobs"), List.of(), batch);

        assertThat(named.received()).isEqualTo(1);
        assertThat(unnamed.received()).isZero();
    }

    @Test
    void whatARouteBringsReachesTheSpokesConnectedHereButNotTheHub() {
        RecordingLink hub = new RecordingLink(LinkTarget.Role.HUB, null);
        RecordingLink spoke = new RecordingLink(LinkTarget.Role.SPOKE, null);
        sut.addLinked(new LinkSubscription(hub, "news", null, 1));
        sut.addLinked(new LinkSubscription(spoke, "news", "readers", 1));
        sut.addLinked(new LinkSubscription(spoke, "news", null, 1));

        sut.deliverFromLink(message("news"), List.of("readers"), batch);

        assertThat(spoke.forwarded).containsExactly("$G news [readers]");
        assertThat(hub.forwarded).isEmpty();
    }

    @Test
    void routesHearOfSpokeInterestButNotOfTheHubsWhileAllListenersHearBoth() {
        List<String> local = new ArrayList<>();
        List<String> all = new ArrayList<>();
        feed.attach(recorder(local), List.of(sut));
        feed.attachAll(recorder(all), List.of(sut));
        RecordingLink hub = new RecordingLink(LinkTarget.Role.HUB, null);
        RecordingLink spoke = new RecordingLink(LinkTarget.Role.SPOKE, null);

        sut.addLinked(new LinkSubscription(hub, "up", null, 1));
        sut.addLinked(new LinkSubscription(spoke, "down", null, 1));

        assertThat(local).containsExactly("+down");
        assertThat(all).containsExactly("+up", "+down");
    }

    @Test
    void aSubscriptionToAnImportedStreamIsInterestInTheExporterWhatALinkBringsThereReachesIt() {
        Account exporter = new Account("A", feed);
        sut.links(new AccountLinks(List.of(new AccountLinks.StreamImport(
                new SubjectMapping("news.>", "from_a.news.>"), exporter)), List.of()));
        List<String> heard = new ArrayList<>();
        feed.attach(recorder(heard, exporter), List.of(exporter));
        LocalSub today = new LocalSub("from_a.news.today", null);
        LocalSub everything = new LocalSub(">", null);
        LocalSub other = new LocalSub("from_a.sports", null);
        sut.addLocal(today);
        sut.addLocal(everything);
        sut.addLocal(other);

        exporter.deliverFromLink(message("news.today"), List.of(), batch);
        exporter.publish(new Object(), true, message("news.tomorrow"), batch);
        sut.removeAllLocal(List.of(today, everything, other));

        assertThat(heard).containsExactly("+news.today", "+news.>", "-news.today", "-news.>");
        assertThat(today.seen()).containsExactly("from_a.news.today null");
        assertThat(everything.seen()).containsExactly("from_a.news.today null", "from_a.news.tomorrow null");
        assertThat(other.seen()).isEmpty();
        assertThat(exporter.index().count()).isZero();
    }

    @Test
    void anImportedServiceIsRequestedOverTheExportersLinksAndItsResponseComesBackOnce() {
        Account exporter = new Account("A", feed);
        sut.links(new AccountLinks(List.of(), List.of(new AccountLinks.ServiceRoute(
                new SubjectMapping("ask", "help.desk"), exporter, false, Long.MAX_VALUE / 2))));
        RecordingLink route = new RecordingLink();
        exporter.addLinked(new LinkSubscription(route, "help.*", null, 1));
        List<String> heard = new ArrayList<>();
        feed.attach(recorder(heard, exporter), List.of(exporter));
        LocalSub inbox = new LocalSub("_INBOX.1", null);
        sut.addLocal(inbox);
        Message request = message("ask");
        request.reply = "_INBOX.1";

        int delivered = sut.publish(new Object(), true, request, batch);
        String reply = route.replies.get(0);
        Message response = message(reply);
        exporter.deliverFromLink(response, List.of(), batch);
        exporter.deliverFromLink(response, List.of(), batch);

        assertThat(delivered).isEqualTo(1);
        assertThat(route.forwarded).containsExactly("A help.desk []");
        assertThat(reply).startsWith("_R_.");
        assertThat(heard).hasSize(1);
        assertThat(heard.get(0)).as("the responses' wildcard").endsWith(".>");
        assertThat(reply).startsWith(heard.get(0).substring(1, heard.get(0).length() - 1));
        assertThat(inbox.seen()).containsExactly("_INBOX.1 null");
    }

    private static InterestFeed.Listener recorder(List<String> heard) {
        return recorder(heard, null);
    }

    /** Notes the interest of {@code only}, or of every account when it is null. */
    private static InterestFeed.Listener recorder(List<String> heard, Account only) {
        return new InterestFeed.Listener() {
            @Override
            public void added(Account account, Interest interest) {
                if (only == null || account == only) {
                    heard.add("+" + interest.subject());
                }
            }

            @Override
            public void removed(Account account, Interest interest) {
                if (only == null || account == only) {
                    heard.add("-" + interest.subject());
                }
            }
        };
    }

    private static Message message(String subject) {
        Message m = new Message();
        m.subject = subject;
        m.payload(Unpooled.copiedBuffer("x", StandardCharsets.UTF_8));
        return m;
    }

    private static final class RecordingLink extends LinkTarget {
        final List<String> forwarded = new ArrayList<>();
        final List<String> replies = new ArrayList<>();
        private final Role role;
        private final String origin;

        RecordingLink() {
            this(Role.ROUTE, null);
        }

        RecordingLink(Role role, String origin) {
            this.role = role;
            this.origin = origin;
        }

        @Override
        public Role role() {
            return role;
        }

        @Override
        public String origin() {
            return origin;
        }

        @Override
        public boolean forward(Account account, Message message, List<String> queues) {
            forwarded.add(account.name() + " " + message.subject + " " + queues);
            replies.add(message.reply);
            return true;
        }

        @Override
        public void requestFlush() {
        }
    }

    /** A local subscriber that notes the subject and reply of what it is handed. */
    private record LocalSub(String subject, String queue, List<String> seen) implements Interest {

        LocalSub(String subject, String queue) {
            this(subject, queue, new CopyOnWriteArrayList<>());
        }

        int received() {
            return seen.size();
        }

        @Override
        public Object owner() {
            return this;
        }

        @Override
        public boolean deliver(Message message, FlushBatch batch) {
            seen.add(message.subject + " " + message.reply);
            return true;
        }
    }
}
