package io.switchboard.transport.mqtt;

/**
 * A QoS 1 or 2 message for the client: waiting ({@code packetId} 0) or sent and not yet
 * acknowledged. {@code released} is set when a QoS 2 message's PUBREC came: the client has it,
 * and only PUBREL/PUBCOMP remain. {@code seq} orders a session's messages in the store;
 * {@code subscriptionId} is the MQTT 5 identifier of the subscription it came for.
 */
record Outgoing(long seq, int packetId, AppMessage message, boolean released, int subscriptionId) {

    Outgoing sentAs(int id) {
        return new Outgoing(seq, id, message, false, subscriptionId);
    }

    Outgoing release() {
        return new Outgoing(seq, packetId, message, true, subscriptionId);
    }
}
