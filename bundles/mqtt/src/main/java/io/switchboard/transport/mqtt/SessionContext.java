package io.switchboard.transport.mqtt;

import io.netty.util.concurrent.EventExecutorGroup;

/** What every session of one MQTT transport shares; {@code timers} runs session expiry. */
record SessionContext(MqttSettings settings, Sessions sessions, RetainedMessages retained, MqttStore store,
                      EventExecutorGroup timers, MqttStats stats, MqttLog log) {
}
