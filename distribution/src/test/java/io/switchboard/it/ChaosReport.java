package io.switchboard.it;

import java.util.ArrayList;
import java.util.List;

/** The account of a chaos run, one line per flow: what was published, delivered, lost and why. */
final class ChaosReport {

    private static final String FORMAT = "| %-22s | %9s | %9s | %6s | %-36s | %10s | %12s |%n";

    private final StringBuilder table = new StringBuilder(String.format(FORMAT,
            "flow", "published", "delivered", "lost", "reason", "duplicated", "out of order")
            + String.format(FORMAT, "---", "---:", "---:", "---:", "---", "---:", "---:"));

    void flow(ChaosIT.Flow flow) {
        NumberedArrivals arrivals = flow.traffic.arrivals();
        long lost = size(arrivals.missing(flow.published));
        long unexplained = size(unexplained(flow));
        String reason = lost == unexplained ? "" : "peer down (" + flow.windows.size() + " kills)";
        if (unexplained > 0) {
            reason += (reason.isEmpty() ? "" : ", ") + unexplained + " unexplained";
        }
        line(flow.name, flow.published, arrivals, lost, reason);
    }

    void stalled(StalledSubscriber stalled, long published, long cutsCounted) {
        NumberedArrivals arrivals = stalled.arrivals();
        List<NumberedArrivals.Range> missing = arrivals.missing(published);
        long beforeFirst = missing.isEmpty() || missing.get(0).first() != 0 ? 0 : missing.get(0).size();
        long lost = size(missing) - beforeFirst;
        line("stalled subscriber", published - beforeFirst, arrivals, lost,
                lost == 0 ? "" : "slow consumer cut (" + stalled.sessions().size() + " cuts, /varz +" + cutsCounted + ")");
    }

    private void line(String name, long published, NumberedArrivals arrivals, long lost, String reason) {
        table.append(String.format(FORMAT, name, published, arrivals.delivered(), lost, reason,
                arrivals.duplicated(), arrivals.reordered()));
    }

    /** The missing numbers of {@code flow} that no kill window covers. */
    List<NumberedArrivals.Range> unexplained(ChaosIT.Flow flow) {
        List<NumberedArrivals.Range> unexplained = new ArrayList<>();
        for (NumberedArrivals.Range gap : flow.traffic.arrivals().missing(flow.published)) {
            if (flow.windows.stream().noneMatch(w -> w.contains(gap.first()) && w.contains(gap.last()))) {
                unexplained.add(gap);
            }
        }
        return unexplained;
    }

    /**
     * The numbers the stalled subscriber missed after its first that do not start right after the
     * last number of a session the server cut.
     */
    List<NumberedArrivals.Range> unexplainedStalled(StalledSubscriber stalled, long published) {
        List<NumberedArrivals.Range> unexplained = new ArrayList<>();
        for (NumberedArrivals.Range gap : stalled.arrivals().missing(published)) {
            if (gap.first() != 0 && stalled.sessions().stream().noneMatch(s -> s.last() + 1 == gap.first())) {
                unexplained.add(gap);
            }
        }
        return unexplained;
    }

    private static long size(List<NumberedArrivals.Range> ranges) {
        return ranges.stream().mapToLong(NumberedArrivals.Range::size).sum();
    }

    String table() {
        return table.toString();
    }
}
