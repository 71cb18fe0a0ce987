package io.switchboard.core.routing;

import java.util.ArrayList;
import java.util.List;

/**
 * The links one message goes to, gathered while the account walks its matches: each link once,
 * with the names of the queue groups it was picked for, as nats-server sends one RMSG per
 * route. Owned by one publisher's event loop, reused for every message.
 */
final class LinkFanout {

    private final ArrayList<LinkTarget> targets = new ArrayList<>();
    private final ArrayList<ArrayList<String>> queues = new ArrayList<>();
    private int size;

    void add(LinkTarget link, String queue) {
        int i = 0;
        while (i < size && targets.get(i) != link) {
            i++;
        }
        if (i == size) {
            if (size == targets.size()) {
                targets.add(link);
                queues.add(new ArrayList<>());
            } else {
                targets.set(i, link);
            }
            size++;
        }
        if (queue != null) {
            queues.get(i).add(queue);
        }
    }

    /** Forwards the message to every gathered link and forgets them. */
    void forward(Account account, Message message, FlushBatch batch) {
        for (int i = 0; i < size; i++) {
            LinkTarget link = targets.get(i);
            List<String> names = queues.get(i);
            if (link.forward(account, message, names)) {
                batch.add(link);
            }
            names.clear();
            targets.set(i, null);
        }
        size = 0;
    }
}
