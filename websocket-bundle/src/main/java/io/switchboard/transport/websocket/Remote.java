package io.switchboard.transport.websocket;

import io.netty.channel.Channel;

import java.net.InetSocketAddress;

/** A channel's peer as nats-server writes it in logs: {@code ip:port}. */
final class Remote {

    private Remote() {
    }

    static String of(Channel channel) {
        if (channel.remoteAddress() instanceof InetSocketAddress address && address.getAddress() != null) {
            return address.getAddress().getHostAddress() + ":" + address.getPort();
        }
        return String.valueOf(channel.remoteAddress());
    }
}
