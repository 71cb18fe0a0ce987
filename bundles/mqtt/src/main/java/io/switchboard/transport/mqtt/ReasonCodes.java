package io.switchboard.transport.mqtt;

/** The MQTT 5 reason codes Switchboard answers with (MQTT 5.0, 2.4), and their MQTT 3.1.1 CONNACK counterparts. */
final class ReasonCodes {

    static final int SUCCESS = 0x00;
    static final int DISCONNECT_WITH_WILL = 0x04;
    static final int NO_SUBSCRIPTION_EXISTED = 0x11;
    static final int UNSPECIFIED_ERROR = 0x80;
    static final int MALFORMED_PACKET = 0x81;
    static final int PROTOCOL_ERROR = 0x82;
    static final int UNSUPPORTED_PROTOCOL_VERSION = 0x84;
    static final int CLIENT_IDENTIFIER_NOT_VALID = 0x85;
    static final int BAD_USER_NAME_OR_PASSWORD = 0x86;
    static final int NOT_AUTHORIZED = 0x87;
    static final int SERVER_UNAVAILABLE = 0x88;
    static final int SERVER_SHUTTING_DOWN = 0x8B;
    static final int KEEP_ALIVE_TIMEOUT = 0x8D;
    static final int SESSION_TAKEN_OVER = 0x8E;
    static final int TOPIC_FILTER_INVALID = 0x8F;
    static final int TOPIC_NAME_INVALID = 0x90;
    static final int PACKET_IDENTIFIER_NOT_FOUND = 0x92;
    static final int RECEIVE_MAXIMUM_EXCEEDED = 0x93;
    static final int TOPIC_ALIAS_INVALID = 0x94;
    static final int PACKET_TOO_LARGE = 0x95;
    static final int QUOTA_EXCEEDED = 0x97;

    /** MQTT 3.1.1's CONNACK return codes (3.2.2.3). */
    static final int V3_UNACCEPTABLE_PROTOCOL_VERSION = 0x01;
    static final int V3_IDENTIFIER_REJECTED = 0x02;
    static final int V3_SERVER_UNAVAILABLE = 0x03;
    static final int V3_BAD_USER_NAME_OR_PASSWORD = 0x04;
    static final int V3_NOT_AUTHORIZED = 0x05;
    static final int V3_SUBACK_FAILURE = 0x80;

    private ReasonCodes() {
    }

    /** The CONNACK code for an MQTT 3.1.1 client of a refusal worded for MQTT 5. */
    static int connackV3(int reasonCode) {
        return switch (reasonCode) {
            case UNSUPPORTED_PROTOCOL_VERSION -> V3_UNACCEPTABLE_PROTOCOL_VERSION;
            case CLIENT_IDENTIFIER_NOT_VALID -> V3_IDENTIFIER_REJECTED;
            case BAD_USER_NAME_OR_PASSWORD -> V3_BAD_USER_NAME_OR_PASSWORD;
            case NOT_AUTHORIZED -> V3_NOT_AUTHORIZED;
            default -> V3_SERVER_UNAVAILABLE;
        };
    }
}
