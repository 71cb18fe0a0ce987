package io.switchboard.core.subject;

/**
 * Interest in a subject, as stored by {@link SubjectIndex}.
 *
 * <p>The index identifies subscriptions by reference, never by {@code equals}, and reads
 * {@link #subject()} and {@link #queue()} when the subscription is inserted and again when it is
 * removed, so both must stay constant while it is indexed.
 */
public interface Subscription {

    /** The subject, possibly with {@code *} and {@code >} wildcard tokens. */
    String subject();

    /** The queue group name, or {@code null} for a plain subscription. */
    String queue();

    /**
     * How many times this member counts when a queue group member is picked at random. A route or
     * gateway queue subscription stands for several remote members and reports their number; values
     * below 1 count as 1. A change must be announced with {@link SubjectIndex#queueWeightChanged}.
     */
    default int queueWeight() {
        return 1;
    }
}
