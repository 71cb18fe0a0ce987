package io.switchboard.transport.mqtt;

/**
 * An application message as MQTT carries it: what a session queues for its client, what a topic
 * retains, what a will publishes. {@code headers} are the NATS headers it crosses NATS with (the
 * MQTT 5 properties that travel with a message, see {@link Properties5}); {@code responseTopic}
 * is the topic of its NATS reply subject, null without one.
 */
record AppMessage(String topic, byte[] payload, int qos, boolean retain, NatsHeaders headers, String responseTopic) {

    AppMessage withQos(int newQos) {
        return newQos == qos ? this : new AppMessage(topic, payload, newQos, retain, headers, responseTopic);
    }

    AppMessage withRetain(boolean newRetain) {
        return newRetain == retain ? this : new AppMessage(topic, payload, qos, newRetain, headers, responseTopic);
    }

    /** Whether its MQTT 5 message expiry interval has passed. */
    boolean expired(long nowMillis) {
        long deadline = Properties5.expiresAt(headers);
        return deadline > 0 && nowMillis >= deadline;
    }
}
