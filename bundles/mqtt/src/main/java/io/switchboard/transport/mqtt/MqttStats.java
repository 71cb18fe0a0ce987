package io.switchboard.transport.mqtt;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of what the MQTT transport refused or dropped, each with its reason; logged when the transport stops. */
final class MqttStats {

    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong refusedConnects = new AtomicLong();
    private final AtomicLong takeovers = new AtomicLong();
    private final AtomicLong keepAliveTimeouts = new AtomicLong();
    private final AtomicLong tooLarge = new AtomicLong();
    private final AtomicLong receiveMaximumExceeded = new AtomicLong();
    private final AtomicLong queueFull = new AtomicLong();
    private final AtomicLong slowConsumers = new AtomicLong();
    private final AtomicLong storeFull = new AtomicLong();

    void malformedPacket() {
        malformed.incrementAndGet();
    }

    void refusedConnect() {
        refusedConnects.incrementAndGet();
    }

    void takeover() {
        takeovers.incrementAndGet();
    }

    void keepAliveTimeout() {
        keepAliveTimeouts.incrementAndGet();
    }

    void packetTooLarge() {
        tooLarge.incrementAndGet();
    }

    void receiveMaximumExceeded() {
        receiveMaximumExceeded.incrementAndGet();
    }

    void droppedQueueFull() {
        queueFull.incrementAndGet();
    }

    void storeFull() {
        storeFull.incrementAndGet();
    }

    void slowConsumer() {
        slowConsumers.incrementAndGet();
    }

    @Override
    public String toString() {
        return "malformed packets " + malformed + ", refused connects " + refusedConnects + ", takeovers " + takeovers
                + ", keep-alive timeouts " + keepAliveTimeouts + ", packets too large " + tooLarge
                + ", receive maximum exceeded " + receiveMaximumExceeded + ", messages dropped on full queues "
                + queueFull + ", messages refused on a full store " + storeFull + ", slow consumers " + slowConsumers;
    }
}
