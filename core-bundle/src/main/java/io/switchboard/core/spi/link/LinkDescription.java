package io.switchboard.core.spi.link;

import java.util.Map;

/**
 * What a link's protocol learned of its peer, for monitoring: nats-server's {@code /routez},
 * {@code /gatewayz} and {@code /leafz} fields beyond those every link has.
 *
 * @param remoteId the peer's server id, empty until its INFO or CONNECT told it
 * @param remoteName the peer's name: its server name for a route or leaf node, its cluster's for a gateway
 * @param solicited whether this server dialled the connection
 * @param configured whether the peer was configured (not learned from gossip)
 * @param account the local account the link is bound to (leaf nodes), empty for none
 * @param interestModes per account, the interest mode a gateway runs in ({@code Optimistic},
 *     {@code Transitioning}, {@code Interest-Only}); empty for other links
 * @since 1.5
 */
public record LinkDescription(String remoteId, String remoteName, boolean solicited, boolean configured,
                              String account, Map<String, String> interestModes) {

    /** A link that has told nothing of its peer yet. */
    public static final LinkDescription NONE = new LinkDescription("", "", false, false, "", Map.of());
}
