package io.switchboard.core.subject;

/** A subscription for tests; equality is identity, as in the index. */
final class TestSub implements Subscription {

    private final String subject;
    private final String queue;
    private volatile int weight;

    private TestSub(String subject, String queue, int weight) {
        this.subject = subject;
        this.queue = queue;
        this.weight = weight;
    }

    static TestSub plain(String subject) {
        return new TestSub(subject, null, 1);
    }

    static TestSub queue(String subject, String queue) {
        return new TestSub(subject, queue, 1);
    }

    static TestSub weighted(String subject, String queue, int weight) {
        return new TestSub(subject, queue, weight);
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

    void setWeight(int weight) {
        this.weight = weight;
    }

    @Override
    public String toString() {
        return queue == null ? subject : subject + " [" + queue + "]";
    }
}
