package io.switchboard.core.spi.monitor;

/**
 * The server's counters, named as nats-server's {@code /varz} names them.
 *
 * @param connections client connections open now, over every transport
 * @param totalConnections client connections accepted since the server started
 * @param routes route connections open now
 * @param remotes remote servers this server has a route to
 * @param leafnodes leaf node connections open now
 * @param subscriptions entries in every account's subject index, remote interest included
 * @param inMsgs messages received from clients
 * @param outMsgs messages delivered to clients
 * @param inBytes payload and header bytes received from clients
 * @param outBytes payload and header bytes delivered to clients
 * @param slowConsumers clients cut as slow consumers
 */
public record ServerStatistics(int connections, long totalConnections, int routes, int remotes, int leafnodes,
                               long subscriptions, long inMsgs, long outMsgs, long inBytes, long outBytes,
                               long slowConsumers) {
}
