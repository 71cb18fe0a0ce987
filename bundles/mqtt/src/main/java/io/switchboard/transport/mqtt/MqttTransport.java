package io.switchboard.transport.mqtt;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.switchboard.core.config.ConfigException;
import io.switchboard.core.spi.monitor.TransportCounters;
import io.switchboard.core.spi.transport.ChannelProtocol;
import io.switchboard.core.spi.transport.TlsSettings;
import io.switchboard.core.spi.transport.TransportHost;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * MQTT 3.1.1 and 5 clients, as nats-server's {@code mqtt} block configures them. Without that
 * block (or without a port in it) this bundle listens on nothing. Each MQTT session is a NATS
 * client of the core; when the bundle stops it closes its listener, its MQTT connections and
 * those NATS clients, and nothing else. What it refused or dropped it counts for the monitor.
 */
@Component(immediate = true, service = {ChannelProtocol.class, TransportCounters.class},
        property = ChannelProtocol.PROTOCOL + "=mqtt")
public final class MqttTransport implements ChannelProtocol, TransportCounters {

    static final String NAME = "mqtt";

    private final TransportHost host;
    private final ChannelGroup accepted = new DefaultChannelGroup("mqtt", GlobalEventExecutor.INSTANCE);
    private final AtomicLong mids = new AtomicLong();
    private final MqttLog log = new MqttLog();
    private final MqttStats stats = new MqttStats();
    private volatile ChannelInitializer<Channel> pipeline;
    private NatsBridge bridge;
    private MqttStore store;
    private Sessions sessions;
    private Channel listener;

    @Activate
    public MqttTransport(@Reference TransportHost host) {
        this.host = host;
        Optional<MqttSettings> configured;
        SslContext ssl;
        try {
            configured = MqttSettings.of(host.options());
            ssl = configured.flatMap(MqttSettings::tls).map(block -> TlsSettings.read(block).serverContext(false))
                    .orElse(null);
        } catch (ConfigException e) {
            host.configurationFailed(NAME, e);
            return;
        }
        configured.ifPresent(settings -> listen(settings, ssl));
    }

    private void listen(MqttSettings settings, SslContext ssl) {
        store = new MqttStore(settings.storeDir(), settings.maxStoredMessages());
        sessions = new Sessions();
        SessionContext context = new SessionContext(settings, sessions, new RetainedMessages(store), store,
                host.ioLoops(), stats, log);
        bridge = new NatsBridge(host, settings.authContext());
        sessions.restore(context, bridge, host.ioLoops());
        ConnectionLimits limits = ConnectionLimits.of(host.options(), settings);
        InetSocketAddress address = new InetSocketAddress(settings.host(), Math.max(settings.port(), 0));
        pipeline = new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                accepted.add(ch);
                ch.pipeline().addLast("mqtt-decoder", new MqttDecoder(limits.maxPayload()))
                        .addLast("mqtt-encoder", MqttEncoder.INSTANCE)
                        .addLast("mqtt", new MqttConnection(context, bridge, mids.incrementAndGet(), limits));
            }
        };
        listener = host.bind(NAME, host.clientBootstrap().childHandler(new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                if (ssl != null) {
                    ch.pipeline().addLast("tls", ssl.newHandler(ch.alloc()));
                }
                ch.pipeline().addLast("mqtt-pipeline", pipeline);
            }
        }), address);
        if (listener == null) {
            return;
        }
        InetSocketAddress local = (InetSocketAddress) listener.localAddress();
        log.info("Listening for MQTT clients on " + (ssl == null ? "mqtt" : "mqtts") + "://" + settings.host() + ":"
                + local.getPort());
        host.listenerStarted(NAME, local);
    }

    @Override
    public String transport() {
        return NAME;
    }

    @Override
    public Map<String, Long> counters() {
        return stats.counters();
    }

    /** MQTT over WebSocket: the WebSocket bundle hands over a channel that carries MQTT packets in binary frames. */
    @Override
    public void initChannel(Channel channel, String transport) {
        ChannelInitializer<Channel> mqtt = pipeline;
        if (mqtt == null) {
            log.error(String.valueOf(channel.remoteAddress()), "MQTT over " + transport + " refused: no mqtt block configured");
            channel.close();
            return;
        }
        channel.pipeline().addLast("mqtt-pipeline", mqtt);
    }

    @Deactivate
    void deactivate() {
        pipeline = null;
        if (listener != null) {
            listener.close().awaitUninterruptibly();
        }
        accepted.forEach(ch -> {
            if (ch.pipeline().get("mqtt") instanceof MqttConnection connection) {
                connection.serverShutdown();
            }
        });
        accepted.close().awaitUninterruptibly();
        if (bridge != null) {
            bridge.close();
            sessions.stop();
            store.close();
            log.info("MQTT transport stopped: " + stats);
        }
    }
}
