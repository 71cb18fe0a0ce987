package io.switchboard.bench;

import java.util.Arrays;

/** Percentiles and medians, the two statistics the bench tool and its comparisons report. */
final class Stats {

    private Stats() {
    }

    /**
     * The nearest-rank percentile of values sorted in ascending order: the smallest value that
     * at least {@code p} percent of all values do not exceed.
     */
    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        if (p < 0 || p > 100) {
            throw new IllegalArgumentException("percentile out of range: " + p);
        }
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    /** The median: the middle value, or the mean of the two middle ones for an even count. */
    static double median(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
