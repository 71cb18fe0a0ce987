package io.switchboard.it;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static io.switchboard.it.LinkChecks.WAIT;
import static io.switchboard.it.LinkChecks.text;
import static org.awaitility.Awaitility.await;

/**
 * A subscriber, in a queue group or not, that records what it gets, and the barriers published
 * after each batch ({@link LinkChecks#publishBatch}): once a barrier is in, everything of its
 * batch that was meant for this subscriber is too.
 */
final class Receiver {

    final List<String> received = Collections.synchronizedList(new ArrayList<>());
    final Set<String> barriers = ConcurrentHashMap.newKeySet();
    private final Connection connection;
    private final Dispatcher dispatcher;
    private final String subject;

    /** {@code queue} null for a plain subscription. */
    Receiver(Connection connection, String subject, String queue) {
        this.connection = connection;
        this.subject = subject;
        this.dispatcher = connection.createDispatcher(msg -> {
            if (msg.getSubject().equals("barrier")) {
                barriers.add(text(msg));
            } else {
                received.add(text(msg));
            }
        });
        if (queue == null) {
            dispatcher.subscribe(subject);
        } else {
            dispatcher.subscribe(subject, queue);
        }
        dispatcher.subscribe("barrier");
    }

    void awaitBarriers(String... names) {
        await().atMost(WAIT).until(() -> barriers.containsAll(List.of(names)));
    }

    void leave() throws Exception {
        dispatcher.unsubscribe(subject);
        connection.flush(WAIT);
    }
}
