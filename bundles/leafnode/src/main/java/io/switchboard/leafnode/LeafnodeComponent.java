package io.switchboard.leafnode;

import io.netty.channel.Channel;
import io.switchboard.core.config.ConfigException;
import io.switchboard.core.spi.link.LinkHost;
import io.switchboard.core.spi.transport.ChannelProtocol;
import io.switchboard.core.spi.transport.TransportHost;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Hashtable;
import java.util.Map;

/**
 * Accepts leaf nodes and connects to hubs as the configuration's {@code leafnodes} block says;
 * does nothing without one. While it accepts leaf nodes it also takes those the WebSocket bundle
 * accepts at its {@code /leafnode} path, as the {@code leafnode} {@link ChannelProtocol}; without
 * that service the WebSocket bundle refuses them as nats-server does. When the bundle stops, its
 * listener and leaf node connections close with it, and the remotes stop reconnecting.
 */
@Component(immediate = true)
public final class LeafnodeComponent {

    private static final Logger LOG = LoggerFactory.getLogger(LeafnodeComponent.class);

    private Leafnodes leafnodes;
    private ServiceRegistration<ChannelProtocol> overWebSocket;

    @Activate
    public LeafnodeComponent(@Reference LinkHost links, @Reference TransportHost transport, BundleContext context) {
        try {
            LeafOptions options = LeafOptions.read(links.options());
            if (options.enabled()) {
                leafnodes = new Leafnodes(links, transport, options);
            }
        } catch (ConfigException e) {
            LOG.error("Leafnode configuration error: {}", e.getMessage());
            return;
        }
        if (leafnodes == null) {
            return;
        }
        leafnodes.start();
        if (leafnodes.options().accepts()) {
            Leafnodes accepting = leafnodes;
            ChannelProtocol protocol = (Channel channel, String framing) -> accepting.acceptWebSocket(channel);
            overWebSocket = context.registerService(ChannelProtocol.class, protocol,
                    new Hashtable<>(Map.of(ChannelProtocol.PROTOCOL, "leafnode")));
        }
    }

    @Deactivate
    void deactivate() {
        if (overWebSocket != null) {
            overWebSocket.unregister();
        }
        if (leafnodes != null) {
            leafnodes.stop();
        }
    }
}
