package io.switchboard.core.link;

import io.switchboard.core.spi.link.LinkConnection;
import io.switchboard.core.spi.link.LinkDescription;
import io.switchboard.core.spi.link.LinkKind;
import io.switchboard.core.spi.link.LinkOutbound;
import io.switchboard.core.spi.monitor.LinkView;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The link sessions open now, of every kind: what {@code /varz} counts and {@code /routez} and its kin list. */
public final class LinkRegistry {

    private final Set<Session> open = ConcurrentHashMap.newKeySet();

    void opened(Session session) {
        open.add(session);
    }

    void closed(Session session) {
        open.remove(session);
    }

    /** Connections of {@code kind} open now. */
    public int count(LinkKind kind) {
        int n = 0;
        for (Session session : open) {
            if (session.kind() == kind) {
                n++;
            }
        }
        return n;
    }

    /** The connections of {@code kind}, by connection id. */
    public List<LinkView> views(LinkKind kind, boolean withSubscriptions) {
        List<LinkView> views = new ArrayList<>();
        for (Session session : open) {
            if (session.kind() == kind) {
                views.add(view(session, withSubscriptions));
            }
        }
        views.sort((a, b) -> Long.compare(a.id(), b.id()));
        return views;
    }

    private static LinkView view(Session session, boolean withSubscriptions) {
        long id = 0;
        String ip = "";
        int port = 0;
        Instant start = Instant.EPOCH;
        Instant last = Instant.EPOCH;
        long pending = 0;
        LinkOutbound.Sent sent = LinkOutbound.Sent.NOTHING;
        LinkDescription description = LinkDescription.NONE;
        if (session.peer() instanceof LinkConnection connection) {
            id = connection.id();
            InetSocketAddress remote = connection.remoteAddress();
            if (remote != null) {
                ip = remote.getAddress() == null ? remote.getHostString() : remote.getAddress().getHostAddress();
                port = remote.getPort();
            }
            start = connection.start() == null ? start : connection.start();
            last = connection.lastActivity() == null ? last : connection.lastActivity();
            pending = connection.pendingBytes();
            sent = connection.sent();
            description = connection.describe();
        }
        return new LinkView(session.kind(), id, ip, port, start, last, session.roundTripNanos(), pending,
                session.receivedMessages(), sent.messages(), session.receivedBytes(), sent.bytes(),
                session.interestCount(), withSubscriptions ? session.interest(id) : List.of(), description);
    }
}
