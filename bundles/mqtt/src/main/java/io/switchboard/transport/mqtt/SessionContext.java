package io.switchboard.transport.mqtt;

/** What every session of one MQTT transport shares. */
record SessionContext(MqttSettings settings, Sessions sessions, RetainedMessages retained, MqttStats stats, MqttLog log) {
}
