package io.switchboard.transport.mqtt;

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
                   ClientPort port, boolean endsWithConnection) {
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
        session.attach(port, endsWithConnection);
        return new Admitted(session, present);
    }

    synchronized void remove(Session session) {
        sessions.remove(session.key(), session);
    }

    synchronized int size() {
        return sessions.size();
    }
}
