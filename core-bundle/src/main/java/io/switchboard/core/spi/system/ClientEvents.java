package io.switchboard.core.spi.system;

import io.switchboard.core.spi.monitor.ConnectionView;
import org.osgi.annotation.versioning.ConsumerType;

/** Hears of clients connecting and disconnecting; only queues work, never waits. */
@ConsumerType
public interface ClientEvents {

    /** A client's CONNECT was accepted; {@code client} shows it without subscriptions. */
    void connected(ConnectionView client);

    /** A connected client is gone; {@code client} shows it closed, with its reason and stop time. */
    void disconnected(ConnectionView client);
}
