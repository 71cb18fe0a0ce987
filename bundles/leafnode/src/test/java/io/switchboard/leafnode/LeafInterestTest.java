package io.switchboard.leafnode;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a leaf node connection tells its peer about interest, line by line, as nats-server does. */
class LeafInterestTest {

    private final List<String> sent = new ArrayList<>();
    private final LeafInterest sut = new LeafInterest(sent::addAll, subject -> !subject.startsWith("private."));

    @Test
    void whatIsThereWhenTheWatchStartsGoesOutInOneBatchThenEachChangeAtOnce() {
        sut.added("foo", null);
        sut.added("foo", null);
        assertThat(sent).isEmpty();

        sut.started();
        sut.removed("foo", null);
        sut.removed("foo", null);
        sut.removed("foo", null);

        assertThat(sent).containsExactly("LS+ foo", "LS- foo");
    }

    @Test
    void aQueueGroupIsAnnouncedWithItsWeightAtEveryChange() {
        sut.started();
        sut.added("jobs", "workers");
        sut.added("jobs", "workers");
        sut.removed("jobs", "workers");
        sut.removed("jobs", "workers");

        assertThat(sent).containsExactly("LS+ jobs workers 1", "LS+ jobs workers 2", "LS+ jobs workers 1",
                "LS- jobs workers");
    }

    @Test
    void subjectsThePeerMayNotHearOfAreNeverAnnounced() {
        sut.started();
        sut.added("private.x", null);
        sut.removed("private.x", null);

        assertThat(sent).isEmpty();
    }
}
