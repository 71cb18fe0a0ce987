package io.switchboard.core.spi.link;

import org.osgi.annotation.versioning.ConsumerType;

import java.util.List;

/**
 * This server's gateway as its cluster's routes see it, the way nats-server 2.9 lets routes carry
 * gateway information: a route's INFO names the server's gateway URL ({@code gateway_url}), and
 * routes pass on the gateways of other clusters ({@code gateway} with {@code gateway_cmd} 1), so a
 * server that was not configured with them still connects to every cluster. The gateway bundle
 * hands it to {@link LinkHost#clusterGateway(ClusterGateway)}; the cluster bundle calls it from
 * the routes' event loops.
 *
 * @since 1.2
 */
@ConsumerType
public interface ClusterGateway {

    /** The gateway's name, which is the cluster's name too. */
    String name();

    /** Where other clusters reach this server's gateway ({@code host:port}), for the route INFO. */
    String url();

    /** Another server of the cluster has its gateway at {@code url}; {@code present} false: no longer. */
    void memberUrl(String url, boolean present);

    /** A route told of the gateway of another cluster: connect to it unless already known. */
    void gossip(String gateway, List<String> urls);

    /** The INFOs (JSON) that tell a route that just joined of the clusters this server connects to. */
    List<String> gossipForRoute();
}
