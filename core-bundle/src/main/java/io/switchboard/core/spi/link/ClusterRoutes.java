package io.switchboard.core.spi.link;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * This server's routes as its gateway and leaf node listener see them: the cluster bundle hands them to
 * {@link LinkHost#clusterRoutes(ClusterRoutes)}. Called from any thread.
 *
 * @since 1.2
 */
@ConsumerType
public interface ClusterRoutes {

    /** Sends an INFO ({@code json}) to every server of the cluster this server has a route to. */
    void tell(String json);

    /**
     * A gateway came or went ({@link LinkHost#clusterGateway()}): the routes tell it what they
     * know, and tell their peers its URL.
     */
    void gatewayChanged();

    /**
     * The leaf node listener came or went ({@link LinkHost#clusterLeafnodes()}): the routes tell it
     * the other servers' leaf node URLs, and tell their peers its URL.
     *
     * @since 1.6
     */
    default void leafnodesChanged() {
    }
}
