package io.switchboard.core.spi.link;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * This server's leaf node listener as its cluster's routes see it, the way nats-server 2.9 lets
 * routes carry it: a route's INFO names the server's leaf node URL ({@code leafnode_urls}, one
 * entry), and every server tells its leaf nodes the URLs of all, so that a leaf can move to
 * another server of the cluster. The leaf node bundle hands it to
 * {@link LinkHost#clusterLeafnodes(ClusterLeafnodes)}; the cluster bundle calls it from the
 * routes' event loops.
 *
 * @since 1.6
 */
@ConsumerType
public interface ClusterLeafnodes {

    /** Where leaf nodes reach this server ({@code host:port}), for the route INFO; empty with {@code no_advertise}. */
    String url();

    /** Another server of the cluster accepts leaf nodes at {@code url}; {@code present} false: no longer. */
    void memberUrl(String url, boolean present);
}
