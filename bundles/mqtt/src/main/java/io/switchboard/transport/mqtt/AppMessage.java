package io.switchboard.transport.mqtt;

/**
 * An application message as MQTT carries it: what a session queues for its client, what a topic
 * retains, what a will publishes. {@code headers} are the NATS headers it crosses NATS with (the
 * MQTT 5 properties that travel with a message), without the QoS header.
 */
record AppMessage(String topic, byte[] payload, int qos, boolean retain, NatsHeaders headers) {

    AppMessage withQos(int newQos) {
        return newQos == qos ? this : new AppMessage(topic, payload, newQos, retain, headers);
    }

    AppMessage withRetain(boolean newRetain) {
        return newRetain == retain ? this : new AppMessage(topic, payload, qos, newRetain, headers);
    }
}
