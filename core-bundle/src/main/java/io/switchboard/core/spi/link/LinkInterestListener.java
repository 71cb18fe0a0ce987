package io.switchboard.core.spi.link;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Hears of subscriptions coming and going, whoever holds them. One call per subscription (a
 * link's queue interest counts once, whatever its weight): a link that announces interest by
 * subject counts them itself.
 *
 * @since 1.4
 */
@ConsumerType
public interface LinkInterestListener {

    /**
     * A subscription to {@code subject} in {@code account}; {@code queue} is null for a plain one.
     * {@code from} is the link whose peer holds it, null for one of this server's clients.
     */
    void added(String account, String subject, String queue, LinkSession from);

    void removed(String account, String subject, String queue, LinkSession from);
}
