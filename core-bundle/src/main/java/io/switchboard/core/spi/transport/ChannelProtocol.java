package io.switchboard.core.spi.transport;

import io.netty.channel.Channel;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A protocol one transport carries for another: registered as a service with the property
 * {@link #PROTOCOL} by the bundle that speaks it (MQTT), and looked up by the bundle that frames
 * it (WebSocket's {@code /mqtt} and {@code /leafnode} paths), so neither depends on the other.
 *
 * @since 1.3
 */
@ConsumerType
public interface ChannelProtocol {

    /** Service property naming the protocol: {@code mqtt}, {@code leafnode}. */
    String PROTOCOL = "switchboard.protocol";

    /**
     * Ends {@code channel}'s pipeline with this protocol. The framing transport has put its own
     * handlers in front, which deliver and take the protocol's bytes; {@code transport} names it
     * in logs. A protocol that is not configured closes the channel.
     */
    void initChannel(Channel channel, String transport);
}
