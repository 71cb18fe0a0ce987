package io.switchboard.gateway;

import io.switchboard.core.json.Json;
import io.switchboard.core.spi.link.LocalInterestListener;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * This cluster's interest (local subscriptions and those routes brought) as inbound gateway
 * connections announce it to the clusters that send here. Every account is in interest-only mode
 * from the moment a connection joins, as nats-server 2.9 does: the joining connection gets, per
 * account, the start of the switch, {@code RS+} for each subject, and its end; then an
 * {@code RS+} when a subject gets its first subscription in the cluster and an {@code RS-} when
 * it loses its last. Queue groups are announced with weight 1 as they come and go.
 */
final class ClusterInterest implements LocalInterestListener {

    private record Key(String subject, String queue) {
    }

    private final String gatewayName;
    private final Map<String, Map<Key, Integer>> counts = new LinkedHashMap<>();
    private final List<Consumer<List<String>>> inbound = new ArrayList<>();

    ClusterInterest(String gatewayName) {
        this.gatewayName = gatewayName;
    }

    @Override
    public synchronized void added(String account, String subject, String queue) {
        Key key = new Key(subject, queue);
        if (counts.computeIfAbsent(account, a -> new HashMap<>()).merge(key, 1, Integer::sum) == 1) {
            announce(subscribe(account, key));
        }
    }

    @Override
    public synchronized void removed(String account, String subject, String queue) {
        Map<Key, Integer> tally = counts.get(account);
        Key key = new Key(subject, queue);
        Integer count = tally == null ? null : tally.get(key);
        if (count == null) {
            return;
        }
        if (count > 1) {
            tally.put(key, count - 1);
            return;
        }
        tally.remove(key);
        announce("RS- " + account + " " + subject + (queue == null ? "" : " " + queue));
    }

    /**
     * Sends a new inbound connection all interest of {@code accounts}, switched to interest-only
     * mode, then keeps it told of every change until {@link #leave}.
     */
    synchronized void join(Consumer<List<String>> connection, Collection<String> accounts) {
        List<String> lines = new ArrayList<>();
        counts.forEach((account, tally) -> tally.keySet().stream().filter(key -> key.queue() != null)
                .forEach(key -> lines.add(subscribe(account, key))));
        for (String account : accounts) {
            lines.add(switchCommand(2, account));
            counts.getOrDefault(account, Map.of()).keySet().stream().filter(key -> key.queue() == null)
                    .forEach(key -> lines.add(subscribe(account, key)));
            lines.add(switchCommand(3, account));
        }
        connection.accept(lines);
        inbound.add(connection);
    }

    synchronized void leave(Consumer<List<String>> connection) {
        inbound.remove(connection);
    }

    /** Whether the cluster has any subscription in {@code account}. */
    synchronized boolean hasInterest(String account) {
        return !counts.getOrDefault(account, Map.of()).isEmpty();
    }

    private void announce(String line) {
        List<String> lines = List.of(line);
        inbound.forEach(connection -> connection.accept(lines));
    }

    /** The INFO that starts (2) or completes (3) the switch of an account to interest-only mode. */
    private String switchCommand(int command, String account) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("gateway", gatewayName);
        info.put("gateway_cmd", command);
        info.put("gateway_cmd_payload", Base64.getEncoder().encodeToString(account.getBytes(StandardCharsets.UTF_8)));
        return "INFO " + Json.write(info);
    }

    private static String subscribe(String account, Key key) {
        String line = "RS+ " + account + " " + key.subject();
        return key.queue() == null ? line : line + " " + key.queue() + " 1";
    }
}
