package io.switchboard.cluster;

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
 * Joins this server to its cluster when the configuration or the command line gives it a cluster
 * port; does nothing otherwise. When the bundle stops, its listener and routes close with it.
 */
@Component(immediate = true)
public final class ClusterComponent {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterComponent.class);

    private Cluster cluster;

    @Activate
    public ClusterComponent(@Reference LinkHost links, @Reference TransportHost transport) {
        try {
            ClusterOptions options = ClusterOptions.read(links.options());
            if (options.enabled()) {
                cluster = new Cluster(links, transport, options);
            }
        } catch (ConfigException e) {
            LOG.error("Cluster configuration error: {}", e.getMessage());
            return;
        }
        if (cluster != null) {
            cluster.start();
        }
    }

    @Deactivate
    void deactivate() {
        if (cluster != null) {
            cluster.stop();
        }
    }
}
