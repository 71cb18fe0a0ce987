package io.switchboard.transport.mqtt;

import java.util.List;

/**
 * One topic filter of a session, with the NATS subscriptions that serve it (two for
 * {@code a/#}: {@code a.>} and {@code a}).
 *
 * @param filter the filter as the client wrote it, {@code $share/group/} included
 * @param qos the granted maximum QoS
 * @param queue the NATS queue group of a shared subscription, null for others
 * @param noLocal MQTT 5: messages this session published are not delivered to it
 * @param retainAsPublished MQTT 5: deliveries keep the retain flag they were published with
 * @param retainHandling MQTT 5: 0 retained messages are sent at every SUBSCRIBE, 1 only to a new subscription, 2 never
 * @param identifier MQTT 5 subscription identifier, 0 for none
 * @param subjects the NATS subjects
 * @param sids their NATS subscription ids, empty until subscribed
 */
record Subscription(String filter, int qos, String queue, boolean noLocal, boolean retainAsPublished, int retainHandling,
                    int identifier, List<String> subjects, List<Integer> sids) {

    Subscription {
        subjects = List.copyOf(subjects);
        sids = List.copyOf(sids);
    }

    Subscription withSids(List<Integer> newSids) {
        return new Subscription(filter, qos, queue, noLocal, retainAsPublished, retainHandling, identifier, subjects, newSids);
    }
}
