package io.switchboard.core.spi.monitor;

/**
 * The statistics of one or more accounts' subject indexes, named as nats-server's
 * {@code /subsz} names them.
 *
 * @param subscriptions indexed subscriptions, remote interest included
 * @param cache cached match results
 * @param inserts subscriptions ever added
 * @param removes subscriptions ever removed
 * @param matches lookups that went to the index itself (the cache missed)
 * @param cacheHitRate the share of lookups the cache answered, as far as it is counted
 * @param maxFanout the most subscriptions one cached result holds
 * @param avgFanout the mean number of subscriptions a cached result holds
 * @since 1.1
 */
public record IndexStats(long subscriptions, long cache, long inserts, long removes, long matches,
                         double cacheHitRate, long maxFanout, double avgFanout) {
}
