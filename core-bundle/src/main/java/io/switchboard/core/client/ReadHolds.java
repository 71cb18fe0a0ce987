package io.switchboard.core.client;

import io.netty.channel.Channel;
import io.switchboard.core.spi.transport.ReadTurns;

import java.util.EnumSet;

/**
 * The reasons a connection has stopped reading, several at a time: it reads again only when
 * none is left, so a publisher's pacing never lets in input while its CONNECT awaits
 * authentication, nor the reverse. Used on the connection's event loop only.
 */
final class ReadHolds {

    enum Reason {
        /** A CONNECT is being authenticated; what follows it waits. */
        AUTHENTICATION,
        /** A subscriber this publisher feeds drains a backlog. */
        PACING,
        /** A read batch grew large; the loop's other connections go first. */
        TURN
    }

    private final Channel channel;
    private final EnumSet<Reason> held = EnumSet.noneOf(Reason.class);

    ReadHolds(Channel channel) {
        this.channel = channel;
    }

    void hold(Reason reason) {
        held.add(reason);
        channel.config().setAutoRead(false);
    }

    /** The reads {@link ReadTurns} holds: its turn is one reason among the others. */
    ReadTurns.Reads forTurns() {
        return new ReadTurns.Reads() {
            @Override
            public void hold() {
                ReadHolds.this.hold(Reason.TURN);
            }

            @Override
            public void release() {
                ReadHolds.this.release(Reason.TURN);
            }
        };
    }

    void release(Reason reason) {
        if (held.remove(reason) && held.isEmpty() && channel.isActive()) {
            channel.config().setAutoRead(true);
        }
    }
}
