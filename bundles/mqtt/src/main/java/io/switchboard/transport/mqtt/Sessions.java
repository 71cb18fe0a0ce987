package io.switchboard.transport.mqtt;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;

import java.util.HashMap;
import java.util.Map;

/** The sessions by account and client id; one CONNECT at a time finds, takes over or replaces one. */
final class Sessions {

    /** The session a CONNECT gets, and whether it existed before (CONNACK's session present flag). */
    record Admitted(Session session, boolean present) {
    }

    private final Map<SessionKey, Session> sessions = new HashMap<>();

    /**
     * The session for a client admitted as {@code username} on {@code link}: the one it had,
     * unless it asked for a clean start or another user had it, else a new one. A client still
     * connected to it is taken over.
     */
    Admitted admit(SessionKey key, String username, boolean cleanStart, NatsLink link, SessionContext context,
                   ClientPort port, long expirySeconds) {
        Session existing;
        synchronized (this) {
            existing = sessions.get(key);
        }
        if (existing != null) {
            ClientPort previous = existing.client();
            if (previous != null) {
                context.stats().takeover();
                previous.disconnect(ReasonCodes.SESSION_TAKEN_OVER, "client id taken over by a new connection");
                existing.detach(previous);
            }
        }
        Session session;
        boolean present;
        synchronized (this) {
            existing = sessions.get(key);
            if (existing != null && !cleanStart && existing.belongsTo(username)) {
                session = existing;
                present = true;
            } else {
                session = new Session(key, username, context, link);
                present = false;
                sessions.put(key, session);
            }
        }
        if (present) {
            session.adoptIfUnlinked(link);
        } else if (existing != null) {
            existing.end();
        }
        session.attach(port, expirySeconds);
        return new Admitted(session, present);
    }

    /**
     * The sessions the store kept, each with a new link that takes up its subscriptions while
     * its client is away; expired ones are dropped.
     */
    void restore(SessionContext context, NatsBridge bridge, EventLoopGroup loops) {
        long now = System.currentTimeMillis();
        int restored = 0;
        for (MqttStore.StoredSession kept : context.store().sessions(context.log())) {
            Session session = new Session(kept, context);
            if (session.expired(now)) {
                session.end();
                continue;
            }
            synchronized (this) {
                sessions.put(kept.key(), session);
            }
            relink(session, kept.state().username(), bridge, loops.next(), context);
            restored++;
        }
        if (restored > 0) {
            context.log().info("Restored " + restored + " MQTT sessions from the store");
        }
    }

    private static void relink(Session session, String username, NatsBridge bridge, EventLoop loop, SessionContext context) {
        NatsLink[] link = new NatsLink[1];
        link[0] = new NatsLink(NatsLink.connectFields(session.key().clientId(), "stored", null, null),
                new NatsLink.Admission() {
                    @Override
                    public void admitted() {
                        session.adoptIfUnlinked(link[0]);
                    }

                    @Override
                    public void refused(String error) {
                        context.log().info("MQTT session \"" + session.key() + "\" waits for its client: " + error);
                    }
                });
        bridge.openAs(loop, link[0], username);
    }

    /** The transport stops: no session timer outlives it. */
    synchronized void stop() {
        sessions.values().forEach(Session::stop);
    }

    synchronized void remove(Session session) {
        sessions.remove(session.key(), session);
    }

    synchronized int size() {
        return sessions.size();
    }
}
