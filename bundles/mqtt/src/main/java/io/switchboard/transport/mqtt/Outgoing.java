package io.switchboard.transport.mqtt;

/**
 * A QoS 1 or 2 message for the client: waiting ({@code packetId} 0) or sent and not yet
 * acknowledged. {@code released} is set when a QoS 2 message's PUBREC came: the client has it,
 * and only PUBREL/PUBCOMP remain. {@code seq} orders a session's messages in the store.
 */
record Outgoing(long seq, int packetId, AppMessage message, boolean released) {

    Outgoing sentAs(int id) {
        return new Outgoing(seq, id, message, false);
    }

    Outgoing release() {
        return new Outgoing(seq, packetId, message, true);
    }
}
