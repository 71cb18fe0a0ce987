package io.switchboard.transport.mqtt;

import java.util.List;

/** What a session says to the MQTT client connected to it. Writes may come from any thread; {@link #flush} sends them. */
interface ClientPort {

    /**
     * An application message; {@code packetId} is 0 for QoS 0, {@code subscriptionId} 0 without
     * an MQTT 5 subscription identifier. False when it was not sent, as too large for the client.
     */
    boolean publish(AppMessage message, int packetId, boolean dup, int subscriptionId);

    /** PUBACK, PUBREC, PUBREL or PUBCOMP with a reason code (MQTT 5 only; 0 is success). */
    void ack(AckType type, int packetId, int reasonCode);

    void subscribed(int packetId, List<Integer> reasonCodes);

    void unsubscribed(int packetId, List<Integer> reasonCodes);

    /** How many QoS 1 and 2 messages the client takes unacknowledged. */
    int receiveMaximum();

    boolean isMqtt5();

    void flush();

    /** Ends the connection because the session broke a limit: {@code reasonCode} in an MQTT 5 DISCONNECT. */
    void disconnect(int reasonCode, String why);

    enum AckType {
        PUBACK, PUBREC, PUBREL, PUBCOMP
    }
}
