package io.switchboard.transport.mqtt;

/**
 * A QoS 1 or 2 message sent to the client and not yet acknowledged. {@code released} is set when
 * a QoS 2 message's PUBREC came: the client has it, and only PUBREL/PUBCOMP remain.
 */
record Outgoing(int packetId, AppMessage message, boolean released) {

    Outgoing release() {
        return new Outgoing(packetId, message, true);
    }
}
