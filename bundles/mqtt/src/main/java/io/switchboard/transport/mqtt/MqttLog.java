package io.switchboard.transport.mqtt;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Log lines about MQTT clients, named as nats-server names them: {@code <address> - mid:<id> - "<client id>"}. */
final class MqttLog {

    private static final Logger LOG = LoggerFactory.getLogger(MqttLog.class);

    /** A client's connection refused or ended for a reason the server gives. */
    void error(String client, String text) {
        LOG.error("{} - {}", client, text);
    }

    void debug(String client, String text) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} - {}", client, text);
        }
    }

    void queueFull(SessionKey session, int queued) {
        LOG.warn("MQTT session \"{}\" keeps {} messages already: a message for it is dropped", session, queued);
    }

    void storeFull(SessionKey session) {
        LOG.warn("MQTT store is full (max_stored_messages): a message for session \"{}\" is dropped", session);
    }

    void info(String text) {
        LOG.info(text);
    }
}
