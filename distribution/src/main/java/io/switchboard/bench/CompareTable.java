package io.switchboard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns the raw measurements of {@code bench/compare.sh} into the table of medians and ratios
 * shown in the README. Input lines are tab-separated: scenario, payload, client, server,
 * metric, value; a value of {@code fail} is a run that did not complete. The first server
 * named is the baseline the others are divided by. With {@code --growth}, where the payload
 * field says how much work a line did (a count, such as {@code 10000 connections}), it prints
 * instead a small table per line of how each server's figure changes as the work grows.
 */
public final class CompareTable {

    /** One line of the table: a metric of a scenario as one client measured it. */
    record Key(String scenario, String payload, String client, String metric) {
    }

    private final Map<Key, Map<String, List<Double>>> values = new LinkedHashMap<>();
    private final Map<Key, Map<String, Integer>> failures = new LinkedHashMap<>();
    private final Set<String> servers = new LinkedHashSet<>();

    public static void main(String[] args) throws IOException {
        boolean growth = args.length == 2 && args[0].equals("--growth");
        if (args.length != 1 && !growth) {
            System.err.println("usage: CompareTable [--growth] <measurements.tsv>");
            System.exit(2);
        }
        CompareTable table = new CompareTable();
        Files.readAllLines(Path.of(args[args.length - 1])).forEach(table::add);
        System.out.print(growth ? table.growth() : table.markdown());
    }

    void add(String line) {
        if (line.isBlank() || line.startsWith("#")) {
            return;
        }
        String[] f = line.split("\t");
        if (f.length != 6) {
            throw new IllegalArgumentException("expected 6 tab-separated fields: " + line);
        }
        Key key = new Key(f[0], f[1], f[2], f[4]);
        servers.add(f[3]);
        if (f[5].equals("fail")) {
            failures.computeIfAbsent(key, k -> new LinkedHashMap<>()).merge(f[3], 1, Integer::sum);
            values.computeIfAbsent(key, k -> new LinkedHashMap<>());
        } else {
            values.computeIfAbsent(key, k -> new LinkedHashMap<>())
                    .computeIfAbsent(f[3], s -> new ArrayList<>()).add(Double.parseDouble(f[5]));
        }
    }

    /** The median of every server's runs and each server's ratio to the baseline, as a Markdown table. */
    String markdown() {
        List<String> names = List.copyOf(servers);
        StringBuilder out = new StringBuilder("| scenario | payload | client | metric |");
        names.forEach(n -> out.append(' ').append(n).append(" |"));
        names.subList(Math.min(1, names.size()), names.size()).forEach(n -> out.append(' ').append(n).append(" ÷ ").append(names.get(0)).append(" |"));
        out.append('\n').append("|---".repeat(4 + 2 * names.size() - 1)).append("|\n");
        for (Map.Entry<Key, Map<String, List<Double>>> row : values.entrySet()) {
            Key key = row.getKey();
            out.append(String.format("| %s | %s | %s | %s |", key.scenario(), key.payload(), key.client(), key.metric()));
            Double baseline = median(row.getValue().get(names.get(0)));
            for (String name : names) {
                out.append(' ').append(cell(median(row.getValue().get(name)), failed(key, name))).append(" |");
            }
            for (String name : names.subList(Math.min(1, names.size()), names.size())) {
                Double mine = median(row.getValue().get(name));
                out.append(' ').append(mine == null || baseline == null || baseline == 0 ? "–"
                        : String.format(Locale.ROOT, "%.2f", mine / baseline)).append(" |");
            }
            out.append('\n');
        }
        return out.toString();
    }

    /**
     * Per line (scenario, client and metric), one row per amount of work, smallest first: the
     * work as a multiple of the smallest, each server's median, and that median divided by the
     * same server's at the smallest work. A rate or a cost per unit that stays near 1.0 there
     * grows linearly with the work.
     */
    String growth() {
        List<String> names = List.copyOf(servers);
        Map<List<String>, List<Key>> lines = new LinkedHashMap<>();
        values.keySet().forEach(key -> lines.computeIfAbsent(List.of(key.scenario(), key.client(), key.metric()), l -> new ArrayList<>()).add(key));
        StringBuilder out = new StringBuilder();
        for (Map.Entry<List<String>, List<Key>> line : lines.entrySet()) {
            List<Key> keys = line.getValue();
            keys.sort(Comparator.comparingLong(CompareTable::work));
            out.append(String.format("%n%s, %s (%s)%n%n| work | × |", line.getKey().get(0), line.getKey().get(2), line.getKey().get(1)));
            names.forEach(n -> out.append(' ').append(n).append(" |"));
            names.forEach(n -> out.append(' ').append(n).append(" ÷ at 1× |"));
            out.append('\n').append("|---".repeat(2 + 2 * names.size())).append("|\n");
            Key first = keys.get(0);
            for (Key key : keys) {
                out.append(String.format(Locale.ROOT, "| %s | %s× |", key.payload(), multiple(work(key), work(first))));
                for (String name : names) {
                    out.append(' ').append(cell(median(values.get(key).get(name)), failed(key, name))).append(" |");
                }
                for (String name : names) {
                    Double mine = median(values.get(key).get(name));
                    Double base = median(values.get(first).get(name));
                    out.append(' ').append(mine == null || base == null || base == 0 ? "–"
                            : String.format(Locale.ROOT, "%.2f", mine / base)).append(" |");
                }
                out.append('\n');
            }
        }
        return out.toString();
    }

    private static String multiple(long work, long smallest) {
        if (smallest <= 0) {
            return "–";
        }
        return work % smallest == 0 ? Long.toString(work / smallest) : String.format(Locale.ROOT, "%.1f", (double) work / smallest);
    }

    /** The leading count of a payload field, such as 10000 in {@code 10000 connections}; 0 when it has none. */
    private static long work(Key key) {
        String digits = key.payload().replaceAll("^([0-9,]*).*", "$1").replace(",", "");
        return digits.isEmpty() ? 0 : Long.parseLong(digits);
    }

    private int failed(Key key, String server) {
        return failures.getOrDefault(key, Map.of()).getOrDefault(server, 0);
    }

    private static Double median(List<Double> runs) {
        return runs == null || runs.isEmpty() ? null : Stats.median(runs.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static String cell(Double median, int failures) {
        String value = median == null ? "failed" : format(median);
        return failures == 0 || median == null ? value : value + " (" + failures + " failed)";
    }

    private static String format(double value) {
        if (value >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, value >= 100 ? "%.0f" : "%.1f", value);
    }
}
