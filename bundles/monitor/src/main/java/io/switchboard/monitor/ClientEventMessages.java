package io.switchboard.monitor;

import io.switchboard.core.spi.monitor.ConnectionView;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** nats-server's client connect and disconnect events, built from a connection's view. */
final class ClientEventMessages {

    static final String CONNECT = "io.nats.server.advisory.v1.client_connect";
    static final String DISCONNECT = "io.nats.server.advisory.v1.client_disconnect";

    private ClientEventMessages() {
    }

    static byte[] connect(ServerIdentity identity, ConnectionView client) {
        Map<String, Object> event = TypedEvents.typed(CONNECT, Instant.now(), identity);
        event.put("client", client(client, false));
        return SystemRequests.bytes(event);
    }

    /** What the client sent is {@code sent}, what it was given {@code received}, as nats-server counts them. */
    static byte[] disconnect(ServerIdentity identity, ConnectionView client) {
        Instant stop = client.stop() == null ? Instant.now() : client.stop();
        Map<String, Object> event = TypedEvents.typed(DISCONNECT, stop, identity);
        event.put("client", client(client, true));
        event.put("sent", Statsz.data(client.inMsgs(), client.inBytes()));
        event.put("received", Statsz.data(client.outMsgs(), client.outBytes()));
        event.put("reason", client.reason());
        return SystemRequests.bytes(event);
    }

    private static Map<String, Object> client(ConnectionView client, boolean closed) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("start", GoText.time(client.start()));
        Connz.putIfNotEmpty(info, "host", client.ip());
        info.put("id", client.cid());
        info.put("acc", client.account());
        Connz.putIfNotEmpty(info, "user", client.authorizedUser());
        Connz.putIfNotEmpty(info, "name", client.name());
        Connz.putIfNotEmpty(info, "lang", client.lang());
        Connz.putIfNotEmpty(info, "ver", client.version());
        if (closed) {
            if (client.rttNanos() > 0) {
                info.put("rtt", client.rttNanos());
            }
            info.put("stop", GoText.time(client.stop() == null ? Instant.now() : client.stop()));
        }
        info.put("kind", "Client");
        info.put("client_type", client.type());
        return info;
    }
}
