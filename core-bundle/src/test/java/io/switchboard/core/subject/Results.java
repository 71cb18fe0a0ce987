package io.switchboard.core.subject;

import java.util.ArrayList;
import java.util.List;

/** Reads match results into lists for assertions. */
final class Results {

    private Results() {
    }

    static List<TestSub> plain(MatchResult<TestSub> result) {
        List<TestSub> subs = new ArrayList<>();
        for (int i = 0; i < result.plainCount(); i++) {
            subs.add(result.plain(i));
        }
        return subs;
    }

    /** The members of the named group, empty when the result has no such group. */
    static List<TestSub> group(MatchResult<TestSub> result, String queue) {
        List<TestSub> members = new ArrayList<>();
        int g = result.groupIndex(queue);
        for (int i = 0; g >= 0 && i < result.groupSize(g); i++) {
            members.add(result.member(g, i));
        }
        return members;
    }

    static List<String> groupNames(MatchResult<TestSub> result) {
        List<String> names = new ArrayList<>();
        for (int g = 0; g < result.groupCount(); g++) {
            names.add(result.groupName(g));
        }
        return names;
    }

    /** Every subscription in the result, plain ones first, then group by group. */
    static List<TestSub> all(MatchResult<TestSub> result) {
        List<TestSub> subs = plain(result);
        for (int g = 0; g < result.groupCount(); g++) {
            for (int i = 0; i < result.groupSize(g); i++) {
                subs.add(result.member(g, i));
            }
        }
        return subs;
    }
}
