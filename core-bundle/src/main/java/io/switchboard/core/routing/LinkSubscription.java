package io.switchboard.core.routing;

/**
 * Interest a remote server announced over a link, in the account's index with the link as
 * subscriber. A queue subscription stands for the remote server's members of that group and
 * weighs as many as it has.
 */
public final class LinkSubscription implements Interest {

    private final LinkTarget link;
    private final String subject;
    private final String queue;
    private volatile int weight;

    public LinkSubscription(LinkTarget link, String subject, String queue, int weight) {
        this.link = link;
        this.subject = subject;
        this.queue = queue;
        this.weight = weight;
    }

    @Override
    public String subject() {
        return subject;
    }

    @Override
    public String queue() {
        return queue;
    }

    @Override
    public int queueWeight() {
        return weight;
    }

    /** Takes a new weight; the caller announces it to the index. */
    public void weight(int weight) {
        this.weight = weight;
    }

    @Override
    public Object owner() {
        return link;
    }

    /** Notes the link as a destination of the message; the account forwards once per link at the end. */
    @Override
    public boolean deliver(Message message, FlushBatch batch) {
        batch.links().add(link, queue);
        return true;
    }

    @Override
    public String toString() {
        return "remote " + subject + (queue == null ? "" : " [" + queue + " " + weight + "]");
    }
}
