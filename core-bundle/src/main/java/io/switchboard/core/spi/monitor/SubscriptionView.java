package io.switchboard.core.spi.monitor;

/**
 * One subscription, as nats-server's {@code subscriptions_list_detail} shows it.
 *
 * @param account the account whose subject index holds it
 * @param subject the subject, wildcards included
 * @param queue the queue group, empty for none
 * @param sid the subscription id the client chose; empty for a link's interest
 * @param msgs messages delivered to it
 * @param max its auto-unsubscribe limit, 0 for none
 * @param cid the connection that holds it
 * @since 1.1
 */
public record SubscriptionView(String account, String subject, String queue, String sid, long msgs, long max,
                               long cid) {
}
