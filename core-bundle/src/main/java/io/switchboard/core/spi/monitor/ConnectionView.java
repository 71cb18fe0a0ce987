package io.switchboard.core.spi.monitor;

import java.time.Instant;
import java.util.List;

/**
 * One client connection as nats-server's {@code /connz} shows it, open or recently closed.
 *
 * @param cid the connection id
 * @param type how the client came: {@code nats} (TCP), {@code websocket}, {@code mqtt}
 * @param ip the client's address
 * @param port the client's port
 * @param start when it connected
 * @param lastActivity when it last sent something
 * @param stop when it closed; null while open
 * @param reason why it closed, worded as nats-server words it; empty while open
 * @param rttNanos the round trip of its last PING, 0 until one was answered
 * @param pendingBytes bytes queued for it and not yet taken by the socket
 * @param inMsgs messages it published
 * @param outMsgs messages delivered to it
 * @param inBytes payload and header bytes it published
 * @param outBytes payload and header bytes delivered to it
 * @param subscriptionCount its subscriptions
 * @param name the name its CONNECT gave
 * @param lang the client library's language
 * @param version the client library's version
 * @param tlsVersion the TLS protocol, empty without TLS
 * @param tlsCipher the TLS cipher suite, empty without TLS
 * @param authorizedUser the user it authenticated as (user name or NKey), empty without one
 * @param account the account it is in, empty before it is in one
 * @param subscriptions its subscriptions, when asked for (always kept for a closed connection)
 * @since 1.1
 */
public record ConnectionView(long cid, String type, String ip, int port, Instant start, Instant lastActivity,
                             Instant stop, String reason, long rttNanos, long pendingBytes, long inMsgs,
                             long outMsgs, long inBytes, long outBytes, int subscriptionCount, String name,
                             String lang, String version, String tlsVersion, String tlsCipher,
                             String authorizedUser, String account, List<SubscriptionView> subscriptions) {
}
