package io.switchboard.core.spi.monitor;

/**
 * One account, as nats-server's {@code /accountz} and {@code /accstatz} show it.
 *
 * @param name the account's name ({@code $G} for the global account)
 * @param clientConnections client connections in it now
 * @param leafConnections leaf node connections bound to it now
 * @param inMsgs messages its clients published, those of connections already closed included
 * @param inBytes bytes its clients published
 * @param outMsgs messages delivered to its clients
 * @param outBytes bytes delivered to its clients
 * @param slowConsumers its clients cut as slow consumers
 * @param index its subject index
 * @since 1.1
 */
public record AccountView(String name, int clientConnections, int leafConnections, long inMsgs, long inBytes,
                          long outMsgs, long outBytes, long slowConsumers, IndexStats index) {
}
