package io.switchboard.core.spi.link;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Hears of local subscriptions (those of this server's clients) coming and going. One call per
 * subscription: a link that announces interest by subject counts them itself.
 */
@ConsumerType
public interface LocalInterestListener {

    /** A subscription to {@code subject} in {@code account}; {@code queue} is null for a plain one. */
    void added(String account, String subject, String queue);

    void removed(String account, String subject, String queue);
}
