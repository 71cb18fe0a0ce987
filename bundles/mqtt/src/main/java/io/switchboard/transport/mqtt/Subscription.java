package io.switchboard.transport.mqtt;

import java.util.List;

/**
 * One topic filter of a session, with the NATS subscriptions that serve it (two for
 * {@code a/#}: {@code a.>} and {@code a}).
 *
 * @param qos the granted maximum QoS
 * @param sids the NATS subscription ids
 */
record Subscription(String filter, int qos, List<String> subjects, List<Integer> sids) {

    Subscription {
        subjects = List.copyOf(subjects);
        sids = List.copyOf(sids);
    }
}
