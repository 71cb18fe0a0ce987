package io.switchboard.cluster;

import io.switchboard.core.spi.link.LocalInterestListener;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * This server's local interest as its routes are told about it, counted the way nats-server
 * counts it per account: a plain subject is announced ({@code RS+}) when its first subscriber
 * comes and withdrawn ({@code RS-}) when its last one goes; a queue group is announced again
 * with its new weight (its number of members here) at every change. A route that joins gets the
 * whole table, then every change, in order. Subjects the routes may not import are never announced.
 */
final class LocalInterestTable implements LocalInterestListener {

    private record Key(String account, String subject, String queue) {
    }

    private final Map<Key, Integer> counts = new LinkedHashMap<>();
    private final List<RouteConnection> routes = new ArrayList<>();
    private final RoutePermissions permissions;

    LocalInterestTable(RoutePermissions permissions) {
        this.permissions = permissions;
    }

    @Override
    public synchronized void added(String account, String subject, String queue) {
        Key key = new Key(account, subject, queue);
        int count = counts.merge(key, 1, Integer::sum);
        if (queue != null || count == 1) {
            announce(key, subscribe(key, count));
        }
    }

    @Override
    public synchronized void removed(String account, String subject, String queue) {
        Key key = new Key(account, subject, queue);
        Integer count = counts.get(key);
        if (count == null) {
            return;
        }
        if (count == 1) {
            counts.remove(key);
            announce(key, "RS- " + account + " " + subject + (queue == null ? "" : " " + queue));
        } else {
            counts.put(key, count - 1);
            if (queue != null) {
                announce(key, subscribe(key, count - 1));
            }
        }
    }

    /** Sends {@code route} all local interest, then keeps it told of every change. */
    synchronized void join(RouteConnection route) {
        List<String> lines = new ArrayList<>(counts.size());
        counts.forEach((key, count) -> {
            if (permissions.canImport(key.subject())) {
                lines.add(subscribe(key, count));
            }
        });
        route.sendInterest(lines);
        routes.add(route);
    }

    synchronized void leave(RouteConnection route) {
        routes.remove(route);
    }

    private void announce(Key key, String line) {
        if (!permissions.canImport(key.subject())) {
            return;
        }
        List<String> lines = List.of(line);
        for (RouteConnection route : routes) {
            route.sendInterest(lines);
        }
    }

    private static String subscribe(Key key, int count) {
        String line = "RS+ " + key.account() + " " + key.subject();
        return key.queue() == null ? line : line + " " + key.queue() + " " + count;
    }
}
