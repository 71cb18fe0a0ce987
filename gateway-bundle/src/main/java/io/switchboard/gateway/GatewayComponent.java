package io.switchboard.gateway;

import io.switchboard.core.config.ConfigException;
import io.switchboard.core.spi.link.LinkHost;
import io.switchboard.core.spi.transport.TransportHost;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins this server's cluster to a supercluster when the configuration has a {@code gateway}
 * block with a name and a port; does nothing otherwise. When the bundle stops, its listener and
 * gateway connections close with it.
 */
@Component(immediate = true)
public final class GatewayComponent {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayComponent.class);

    private Gateway gateway;

    @Activate
    public GatewayComponent(@Reference LinkHost links, @Reference TransportHost transport) {
        GatewayOptions options;
        try {
            options = GatewayOptions.read(links.options());
        } catch (ConfigException e) {
            LOG.error("Gateway configuration error: {}", e.getMessage());
            return;
        }
        if (options.enabled()) {
            gateway = new Gateway(links, transport, options);
            gateway.start();
        }
    }

    @Deactivate
    void deactivate() {
        if (gateway != null) {
            gateway.stop();
        }
    }
}
