package io.switchboard.core.client;

import io.switchboard.core.spi.auth.Permissions;
import io.switchboard.core.spi.auth.ResponsePermission;
import io.switchboard.core.spi.auth.SubjectRules;
import io.switchboard.core.subject.Subjects;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One client's permissions, checked as nats-server checks them: a publish subject against the
 * publish rules (or, with {@code allow_responses}, against the reply subjects of requests it
 * received), a subscription subject as a subset of an allowed pattern, and each delivery
 * against the subscribe denials that a wildcard subscription may overlap.
 */
final class ClientPermissions {

    /** A reply subject the client may answer: how many answers are left, and until when. */
    private static final class Allowance {
        int left;
        final long deadlineNanos;

        Allowance(int left, long deadlineNanos) {
            this.left = left;
            this.deadlineNanos = deadlineNanos;
        }
    }

    private static final int SWEEP_EVERY = 1024;

    private final SubjectRules publish;
    private final SubjectRules subscribe;
    private final ResponsePermission responses;
    private final boolean responsesOnly;
    private final Map<String, Allowance> replies = new ConcurrentHashMap<>();
    private final AtomicLong answers = new AtomicLong();

    private ClientPermissions(Permissions permissions) {
        this.publish = permissions.publish();
        this.subscribe = permissions.subscribe();
        this.responses = permissions.responses().orElse(null);
        this.responsesOnly = responses != null && publish.equals(SubjectRules.ALL);
    }

    /** The checker for {@code permissions}, or null when they restrict nothing. */
    static ClientPermissions of(Permissions permissions) {
        return permissions.equals(Permissions.ALL) ? null : new ClientPermissions(permissions);
    }

    boolean canPublish(String subject) {
        boolean byRules = !responsesOnly && allowed(publish, subject, false);
        return byRules || answersRequest(subject);
    }

    boolean canSubscribe(String subject) {
        return allowed(subscribe, subject, true);
    }

    /** True when a message on {@code subject} must not reach this client although a wildcard subscription matches. */
    boolean deniesDelivery(String subject) {
        return matchesAny(subscribe.deny(), subject, false);
    }

    /** A request is delivered to this client: with allow_responses it may answer on {@code reply}. */
    void requestDelivered(String reply) {
        if (responses != null && reply != null) {
            long expires = responses.expires().isZero() ? Long.MAX_VALUE : System.nanoTime() + responses.expires().toNanos();
            replies.put(reply, new Allowance(responses.maxMessages(), expires));
        }
    }

    private boolean answersRequest(String subject) {
        if (responses == null) {
            return false;
        }
        Allowance allowance = replies.get(subject);
        if (allowance == null) {
            return false;
        }
        synchronized (allowance) {
            if (allowance.deadlineNanos - System.nanoTime() < 0 || allowance.left <= 0) {
                replies.remove(subject, allowance);
                return false;
            }
            if (--allowance.left == 0) {
                replies.remove(subject, allowance);
            }
        }
        // a scan of every allowance per response would make each answer cost as much as the
        // requests outstanding; expired ones that are looked up go at once anyway
        if (answers.incrementAndGet() % SWEEP_EVERY == 0) {
            sweepExpired();
        }
        return true;
    }

    private void sweepExpired() {
        long now = System.nanoTime();
        for (Iterator<Allowance> it = replies.values().iterator(); it.hasNext(); ) {
            if (it.next().deadlineNanos - now < 0) {
                it.remove();
            }
        }
    }

    private static boolean allowed(SubjectRules rules, String subject, boolean subscription) {
        boolean allowed = rules.allow().isEmpty() || matchesAny(rules.allow(), subject, subscription);
        return allowed && !matchesAny(rules.deny(), subject, subscription);
    }

    private static boolean matchesAny(List<String> patterns, String subject, boolean subscription) {
        for (String pattern : patterns) {
            if (subscription ? Subjects.isSubsetMatch(subject, pattern) : Subjects.subjectMatches(pattern, subject)) {
                return true;
            }
        }
        return false;
    }
}
