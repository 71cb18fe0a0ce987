package io.switchboard.leafnode;

import io.netty.channel.Channel;
import io.switchboard.core.config.ConfigException;
import io.switchboard.core.spi.link.LinkHost;
import io.switchboard.core.spi.transport.ChannelProtocol;
import io.switchboard.core.spi.transport.TransportHost;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts leaf nodes and connects to hubs as the configuration's {@code leafnodes} block says;
 * does nothing without one. When the bundle stops, its listener and leaf node connections close
 * with it, and the remotes stop reconnecting. Leaf nodes the WebSocket bundle accepts at its
 * {@code /leafnode} path come here as a {@link ChannelProtocol}.
 */
@Component(immediate = true, service = ChannelProtocol.class, property = ChannelProtocol.PROTOCOL + "=leafnode")
public final class LeafnodeComponent implements ChannelProtocol {

    private static final Logger LOG = LoggerFactory.getLogger(LeafnodeComponent.class);

    private volatile Leafnodes leafnodes;

    @Activate
    public LeafnodeComponent(@Reference LinkHost links, @Reference TransportHost transport) {
        try {
            LeafOptions options = LeafOptions.read(links.options());
            if (options.enabled()) {
                leafnodes = new Leafnodes(links, transport, options);
            }
        } catch (ConfigException e) {
            LOG.error("Leafnode configuration error: {}", e.getMessage());
            return;
        }
        if (leafnodes != null) {
            leafnodes.start();
        }
    }

    @Override
    public void initChannel(Channel channel, String transport) {
        Leafnodes running = leafnodes;
        if (running == null) {
            LOG.error("Not configured to accept leaf node connections");
            channel.close();
            return;
        }
        running.acceptWebSocket(channel);
    }

    @Deactivate
    void deactivate() {
        Leafnodes running = leafnodes;
        leafnodes = null;
        if (running != null) {
            running.stop();
        }
    }
}
