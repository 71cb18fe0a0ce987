package io.switchboard.transport.mqtt;

import io.netty.handler.codec.mqtt.MqttSubscriptionOption;
import io.switchboard.transport.mqtt.TopicMapping.TopicException;

import java.util.List;

/**
 * A SUBSCRIBE's topic filter, shared ({@code $share/group/filter}, MQTT 5.0, 4.8.2) or not. A
 * shared subscription is a NATS queue subscription with the group as its queue: MQTT and NATS
 * members of a group share its messages.
 */
final class SharedFilter {

    private static final String SHARE = "$share/";

    private SharedFilter() {
    }

    static Subscription subscription(String filter, int qos, MqttSubscriptionOption option, int identifier)
            throws TopicException {
        String queue = null;
        String topicFilter = filter;
        if (filter.startsWith(SHARE)) {
            int slash = filter.indexOf('/', SHARE.length());
            if (slash < 0 || slash == SHARE.length() || slash == filter.length() - 1) {
                throw new TopicException("invalid shared subscription \"" + filter + "\"");
            }
            queue = filter.substring(SHARE.length(), slash);
            if (queue.contains("+") || queue.contains("#") || queue.contains(" ")) {
                throw new TopicException("invalid share name in \"" + filter + "\"");
            }
            topicFilter = filter.substring(slash + 1);
        }
        String subject = TopicMapping.filterSubject(topicFilter);
        String parent = TopicMapping.parentSubject(subject);
        List<String> subjects = parent == null ? List.of(subject) : List.of(subject, parent);
        boolean noLocal = option.isNoLocal();
        if (noLocal && queue != null) {
            throw new TopicException("no local on shared subscription \"" + filter + "\"");
        }
        return new Subscription(filter, qos, queue, noLocal, option.isRetainAsPublished(),
                option.retainHandling().value(), identifier, subjects, List.of());
    }
}
