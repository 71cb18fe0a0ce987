package io.switchboard.monitor;

import io.switchboard.core.spi.monitor.AccountView;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The typed events of the system account: their common header, and the account connections event. */
final class TypedEvents {

    static final String ACCOUNT_CONNECTIONS = "io.nats.server.advisory.v1.account_connections";
    private static final String DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final int ID_LENGTH = 22;
    private static final SecureRandom RANDOM = new SecureRandom();

    private TypedEvents() {
    }

    /** {@code type}, {@code id} and {@code timestamp}, then {@code server}, as nats-server's typed events start. */
    static Map<String, Object> typed(String type, Instant at, ServerIdentity identity) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", type);
        event.put("id", eventId());
        event.put("timestamp", GoText.time(at));
        event.put("server", identity.next());
        return event;
    }

    /** The number of connections an account has on this server, with its traffic. */
    static byte[] accountConnections(ServerIdentity identity, AccountView account) {
        Map<String, Object> event = typed(ACCOUNT_CONNECTIONS, Instant.now(), identity);
        event.put("acc", account.name());
        event.put("conns", account.clientConnections());
        event.put("leafnodes", account.leafConnections());
        event.put("total_conns", account.clientConnections() + account.leafConnections());
        event.put("sent", Statsz.data(account.outMsgs(), account.outBytes()));
        event.put("received", Statsz.data(account.inMsgs(), account.inBytes()));
        event.put("slow_consumers", account.slowConsumers());
        return SystemRequests.bytes(event);
    }

    /** A unique id of 22 letters and digits, like the NUIDs nats-server gives its events. */
    private static String eventId() {
        StringBuilder id = new StringBuilder(ID_LENGTH);
        for (int i = 0; i < ID_LENGTH; i++) {
            id.append(DIGITS.charAt(RANDOM.nextInt(DIGITS.length())));
        }
        return id.toString();
    }
}
