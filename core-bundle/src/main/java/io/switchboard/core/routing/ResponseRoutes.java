package io.switchboard.core.routing;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The replies an exporting account owes to accounts that imported its services: each request
 * that crossed over carries a fresh {@code _R_.} reply subject here, and a response published
 * on it goes back to the importer under the requester's own reply subject. One response, or a
 * stream of them for streamed services, within the export's response threshold.
 *
 * <p>The routes are one interest in the exporting account's index, {@code _R_.<base>.>}, as
 * nats-server's response wildcard: links tell other servers of it, so a responder anywhere in
 * the cluster or supercluster answers back to this server.
 */
final class ResponseRoutes implements CrossAccountInterest {

    static final String PREFIX = "_R_.";
    private static final int SWEEP_EVERY = 1024;

    /** Where a response goes, and until when it may come. */
    record Route(Account importer, String reply, boolean streamed, long deadlineNanos) {
    }

    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    private final String base = Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
    private final AtomicLong sequence = new AtomicLong();
    private final String subject = PREFIX + base + ".>";

    /** A reply subject in the exporting account that leads back to {@code reply} in {@code importer}. */
    String open(Account importer, String reply, boolean streamed, long thresholdNanos) {
        long n = sequence.incrementAndGet();
        if (n % SWEEP_EVERY == 0) {
            sweep();
        }
        String subject = PREFIX + base + "." + Long.toString(n, 36);
        routes.put(subject, new Route(importer, reply, streamed, System.nanoTime() + thresholdNanos));
        return subject;
    }

    @Override
    public String subject() {
        return subject;
    }

    @Override
    public String queue() {
        return null;
    }

    @Override
    public Object owner() {
        return this;
    }

    /** Takes a response to the requester's account, under the requester's reply subject. */
    @Override
    public boolean deliver(Message message, FlushBatch batch) {
        Route route = take(message.subject);
        return route != null && route.importer().deliverToLocal(message.redirected(route.reply(), null), batch) > 0;
    }

    /** The route for a response published on {@code subject}, or null; a single response closes it. */
    private Route take(String subject) {
        Route route = routes.get(subject);
        if (route == null) {
            return null;
        }
        if (route.deadlineNanos() - System.nanoTime() < 0) {
            routes.remove(subject, route);
            return null;
        }
        if (!route.streamed()) {
            routes.remove(subject, route);
        }
        return route;
    }

    private void sweep() {
        long now = System.nanoTime();
        for (Iterator<Route> it = routes.values().iterator(); it.hasNext(); ) {
            if (it.next().deadlineNanos() - now < 0) {
                it.remove();
            }
        }
    }
}
