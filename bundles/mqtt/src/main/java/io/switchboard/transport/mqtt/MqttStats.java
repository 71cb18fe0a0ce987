package io.switchboard.transport.mqtt;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters of what the MQTT transport refused or dropped, each with its reason: shown in
 * {@code /varz}'s {@code mqtt} object and logged when the transport stops.
 */
final class MqttStats {

    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong refusedConnects = new AtomicLong();
    private final AtomicLong unsupportedProtocolLevels = new AtomicLong();
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

    /** A CONNECT of a protocol level other than 4 (3.1.1) and 5; it is a refused connect as well. */
    void unsupportedProtocolLevel() {
        unsupportedProtocolLevels.incrementAndGet();
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

    /** Every counter by its {@code /varz} field name. */
    Map<String, Long> counters() {
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("malformed_packets", malformed.get());
        counters.put("refused_connects", refusedConnects.get());
        counters.put("unsupported_protocol_levels", unsupportedProtocolLevels.get());
        counters.put("takeovers", takeovers.get());
        counters.put("keep_alive_timeouts", keepAliveTimeouts.get());
        counters.put("packets_too_large", tooLarge.get());
        counters.put("receive_maximum_exceeded", receiveMaximumExceeded.get());
        counters.put("dropped_queue_full", queueFull.get());
        counters.put("refused_store_full", storeFull.get());
        counters.put("slow_consumers", slowConsumers.get());
        return counters;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        counters().forEach((name, value) -> text.append(text.isEmpty() ? "" : ", ").append(name.replace('_', ' '))
                .append(' ').append(value));
        return text.toString();
    }
}
