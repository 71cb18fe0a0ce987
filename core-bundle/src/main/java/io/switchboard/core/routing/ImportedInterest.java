package io.switchboard.core.routing;

import io.switchboard.core.subject.Subjects;

/**
 * A subscription of an importing account, seen in the exporting account's index under the
 * exporter's subject, as nats-server's shadow subscriptions are: what is published there, on
 * this server or brought by a link, reaches the subscriber under the imported subject, and the
 * links tell other servers of the interest in the exporting account.
 */
final class ImportedInterest implements CrossAccountInterest {

    private final Interest subscriber;
    private final Account exporter;
    private final SubjectMapping mapping;
    private final String subject;

    private ImportedInterest(Interest subscriber, Account exporter, SubjectMapping mapping, String subject) {
        this.subscriber = subscriber;
        this.exporter = exporter;
        this.mapping = mapping;
        this.subject = subject;
    }

    /**
     * The interest {@code subscriber} has in the exporter's subjects through {@code stream}, or
     * null when the subscription takes none of what the stream brings.
     */
    static ImportedInterest of(Interest subscriber, AccountLinks.StreamImport stream) {
        SubjectMapping mapping = stream.mapping();
        String wanted = Subjects.overlap(subscriber.subject(), mapping.to());
        if (wanted == null) {
            return null;
        }
        return new ImportedInterest(subscriber, stream.exporter(), mapping, new SubjectMapping(mapping.to(), mapping.from()).map(wanted));
    }

    /** The account whose index holds this interest. */
    Account exporter() {
        return exporter;
    }

    @Override
    public String subject() {
        return subject;
    }

    @Override
    public String queue() {
        return subscriber.queue();
    }

    @Override
    public int queueWeight() {
        return subscriber.queueWeight();
    }

    @Override
    public Object owner() {
        return subscriber.owner();
    }

    @Override
    public boolean deliver(Message message, FlushBatch batch) {
        return subscriber.deliver(message.redirected(mapping.map(message.subject), message.reply), batch);
    }

    @Override
    public String toString() {
        return "import " + subject + " as " + subscriber;
    }
}
