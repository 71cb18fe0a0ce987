package io.switchboard.monitor;

import io.switchboard.core.spi.monitor.ServerMonitor;
import io.switchboard.core.spi.monitor.TransportCounters;

import java.util.List;
import java.util.function.Supplier;

/**
 * What builds nats-server's monitoring answers, one set that the HTTP endpoints and the system
 * account's requests share, so that both give the same JSON.
 */
record EndpointAnswers(Varz varz, Connz connz, Subsz subsz, Routez routez, Gatewayz gatewayz, Leafz leafz,
                       Accountz accountz) {

    /** {@code transportCounters}: what the transport bundles count of their own, as they come and go. */
    static EndpointAnswers of(ServerMonitor server, Supplier<List<TransportCounters>> transportCounters) {
        return new EndpointAnswers(new Varz(server, transportCounters), new Connz(server), new Subsz(server),
                new Routez(server), new Gatewayz(server), new Leafz(server), new Accountz(server));
    }
}
