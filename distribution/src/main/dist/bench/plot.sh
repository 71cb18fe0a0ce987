#!/usr/bin/env bash
# Draws the ratios of a compare.sh table (Switchboard ÷ nats-server) as bar charts, one bar per
# client: throughput (above 1 is faster) and request/reply latency (below 1 is faster).
# Usage: bench/plot.sh table.md output-directory
set -euo pipefail
table=$1 out=$2

# ratios METRIC...: "label<TAB>first client's ratio<TAB>second client's ratio" per scenario and payload
ratios() {
  local IFS=,
  awk -F'|' -v metrics="$*" '
    BEGIN { split(metrics, m, ","); for (i in m) want[m[i]] = 1 }
    NR > 2 {
      for (i = 2; i < NF; i++) { gsub(/^ +| +$/, "", $i) }
      metric = $5; if (!(metric in want)) next
      label = $2 " " $3 (metric ~ /µs/ ? " " metric : "")
      if (!(label in seen)) { seen[label] = 1; order[++n] = label }
      if (!($4 in cseen)) { cseen[$4] = 1; clients[++k] = $4 }
      value[label, $4] = ($(NF - 1) == "–" ? "NaN" : $(NF - 1))
    }
    END {
      printf "label"; for (c = 1; c <= k; c++) printf "\t%s", clients[c]; printf "\n"
      for (i = 1; i <= n; i++) {
        printf "\"%s\"", order[i]
        for (c = 1; c <= k; c++) printf "\t%s", ((order[i], clients[c]) in value ? value[order[i], clients[c]] : "NaN")
        printf "\n"
      }
    }' "$table"
}

chart() {
  local data=$1 png=$2 title=$3 columns
  columns=$(head -1 "$data" | awk -F'\t' '{ print NF }')
  gnuplot <<GNUPLOT
set terminal pngcairo size 1400,700 noenhanced font "sans,10"
set output "$png"
set title "$title"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set boxwidth 0.9
set xtics rotate by -45 scale 0
set grid ytics
set key top left
set yrange [0:*]
set datafile separator "\t"
set arrow from graph 0, first 1 to graph 1, first 1 nohead lw 2 dt 2 lc rgb "black"
plot for [c=2:$columns] "$data" using c:xtic(1) title columnheader(c)
GNUPLOT
}

ratios "msgs/s" >"$out/throughput-ratios.tsv"
chart "$out/throughput-ratios.tsv" "$out/throughput.png" "Throughput, Switchboard ÷ nats-server (above 1: Switchboard is faster)"
ratios "p50 µs" "p99 µs" >"$out/latency-ratios.tsv"
chart "$out/latency-ratios.tsv" "$out/latency.png" "Request/reply latency, Switchboard ÷ nats-server (below 1: Switchboard is faster)"
echo "charts: $out/throughput.png $out/latency.png"
