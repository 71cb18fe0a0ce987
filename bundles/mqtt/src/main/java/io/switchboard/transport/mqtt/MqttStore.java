package io.switchboard.transport.mqtt;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The MQTT state that outlives the broker and the bundle, in one MVStore file: persistent sessions
 * (their subscriptions and QoS 2 packet ids), the QoS 1 and 2 messages waiting for or sent to their
 * clients, and retained messages. Changes reach the file within a second (MVStore's background
 * commit) and at once when the bundle stops.
 */
final class MqttStore implements AutoCloseable {

    /** A session as it was stored, with its messages in order. */
    record StoredSession(SessionKey key, StoredForms.SessionState state, List<Outgoing> messages) {
    }

    private static final char SEP = '\u0000';

    private final MVStore store;
    private final MVMap<String, byte[]> sessions;
    private final MVMap<String, byte[]> messages;
    private final MVMap<String, byte[]> retained;
    private final AtomicLong seq = new AtomicLong();
    private final AtomicLong stored = new AtomicLong();
    private final long maxStored;

    MqttStore(Path dir, long maxStored) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the MQTT store directory " + dir, e);
        }
        this.store = new MVStore.Builder().fileName(dir.resolve("mqtt.mv.db").toString()).compress().open();
        this.sessions = store.openMap("sessions");
        this.messages = store.openMap("messages");
        this.retained = store.openMap("retained");
        this.maxStored = maxStored;
        long last = 0;
        for (String k : messages.keySet()) {
            last = Math.max(last, Long.parseLong(k.substring(k.lastIndexOf(SEP) + 1), 16));
        }
        seq.set(last);
        stored.set(messages.sizeAsLong() + retained.sizeAsLong());
    }

    /** Whether one more message would pass the limit on what all sessions and topics keep together. */
    boolean full() {
        return stored.get() >= maxStored;
    }

    long nextSeq() {
        return seq.incrementAndGet();
    }

    void saveSession(SessionKey key, StoredForms.SessionState state) {
        sessions.put(key(key), StoredForms.session(state));
    }

    void putMessage(SessionKey key, Outgoing out) {
        if (messages.put(messageKey(key, out.seq()), StoredForms.message(out)) == null) {
            stored.incrementAndGet();
        }
    }

    void removeMessage(SessionKey key, long messageSeq) {
        if (messages.remove(messageKey(key, messageSeq)) != null) {
            stored.decrementAndGet();
        }
    }

    void removeSession(SessionKey key) {
        sessions.remove(key(key));
        for (String k : messageKeys(key(key) + SEP)) {
            if (messages.remove(k) != null) {
                stored.decrementAndGet();
            }
        }
    }

    /** The keys of one session's messages, in order. */
    private List<String> messageKeys(String prefix) {
        List<String> keys = new ArrayList<>();
        Iterator<String> it = messages.keyIterator(prefix);
        while (it.hasNext()) {
            String k = it.next();
            if (!k.startsWith(prefix)) {
                break;
            }
            keys.add(k);
        }
        return keys;
    }

    /** The stored sessions; one that cannot be read is logged and removed, so it cannot stop the transport. */
    List<StoredSession> sessions(MqttLog log) {
        List<StoredSession> all = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : List.copyOf(sessions.entrySet())) {
            int at = e.getKey().indexOf(SEP);
            SessionKey key = new SessionKey(e.getKey().substring(0, at), e.getKey().substring(at + 1));
            String prefix = e.getKey() + SEP;
            try {
                List<Outgoing> kept = new ArrayList<>();
                for (String k : messageKeys(prefix)) {
                    kept.add(StoredForms.message(Long.parseLong(k.substring(prefix.length()), 16), messages.get(k)));
                }
                all.add(new StoredSession(key, StoredForms.session(e.getValue()), kept));
            } catch (UncheckedIOException | NumberFormatException | IndexOutOfBoundsException broken) {
                log.error("MQTT store", "session \"" + key + "\" cannot be read and is removed: " + broken.getMessage());
                removeSession(key);
            }
        }
        return all;
    }

    /** Keeps {@code message} retained for {@code subject}, or removes it; false when the store is full. */
    boolean retain(String account, String subject, AppMessage message) {
        String k = account + SEP + subject;
        if (message == null) {
            if (retained.remove(k) != null) {
                stored.decrementAndGet();
            }
            return true;
        }
        if (!retained.containsKey(k) && full()) {
            return false;
        }
        if (retained.put(k, StoredForms.retained(message)) == null) {
            stored.incrementAndGet();
        }
        return true;
    }

    /** Every retained message, by account and subject. */
    Map<String, Map<String, AppMessage>> retained() {
        Map<String, Map<String, AppMessage>> all = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> e : retained.entrySet()) {
            int at = e.getKey().indexOf(SEP);
            all.computeIfAbsent(e.getKey().substring(0, at), a -> new LinkedHashMap<>())
                    .put(e.getKey().substring(at + 1), StoredForms.retained(e.getValue()));
        }
        return all;
    }

    private static String key(SessionKey key) {
        return key.account() + SEP + key.clientId();
    }

    /** Sequence numbers in fixed-width hex, so that the map's order is the order they were taken in. */
    private static String messageKey(SessionKey key, long messageSeq) {
        return key(key) + SEP + String.format("%016x", messageSeq);
    }

    @Override
    public void close() {
        store.close();
    }
}
