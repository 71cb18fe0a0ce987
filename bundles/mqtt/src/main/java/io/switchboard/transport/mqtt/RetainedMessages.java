package io.switchboard.transport.mqtt;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The retained message of each topic, per account (accounts do not see each other's, as they do
 * not see each other's subjects), kept in memory for matching and in the store for restarts.
 */
final class RetainedMessages {

    private final Map<String, Map<String, AppMessage>> byAccount = new ConcurrentHashMap<>();
    private final MqttStore store;

    RetainedMessages(MqttStore store) {
        this.store = store;
        store.retained().forEach((account, topics) -> byAccount.put(account, new ConcurrentHashMap<>(topics)));
    }

    /**
     * Keeps {@code message} for its subject; an empty payload removes what the subject kept
     * [MQTT-3.3.1-10]. False when the store is full and the message was not kept.
     */
    boolean retain(String account, String subject, AppMessage message) {
        if (message.payload().length == 0) {
            Map<String, AppMessage> topics = byAccount.get(account);
            if (topics != null) {
                topics.remove(subject);
            }
            return store.retain(account, subject, null);
        }
        AppMessage kept = message.withRetain(true);
        if (!store.retain(account, subject, kept)) {
            return false;
        }
        byAccount.computeIfAbsent(account, a -> new ConcurrentHashMap<>()).put(subject, kept);
        return true;
    }

    /** The retained messages a subscription to {@code filterSubject} receives. */
    List<AppMessage> matching(String account, String filterSubject, boolean hidesDollarTopics) {
        Map<String, AppMessage> topics = byAccount.getOrDefault(account, Map.of());
        return topics.entrySet().stream()
                .filter(e -> SubjectMatch.matches(filterSubject, e.getKey()))
                .filter(e -> !hidesDollarTopics || !e.getValue().topic().startsWith("$"))
                .map(Map.Entry::getValue).toList();
    }
}
