#!/usr/bin/env bash
# Measures Switchboard side by side with Debian's nats-server on loopback: the same scenarios,
# driven by two unrelated clients (switchboard-bench over raw sockets, and nats.go), runs
# alternating between the servers, and a table of medians and ratios at the end. Also measures
# start-to-ready time and memory (RSS) after the load. MQTT lines (QoS 0 and QoS 1, one publisher
# to one subscriber) put Switchboard beside Debian's mosquitto broker and nats-server's MQTT (with
# JetStream, which nats-server needs for MQTT), in a table of their own.
#
# Usage: bench/compare.sh [output directory]   (default: ./bench-results-<date>)
# Environment: ROUNDS (runs per line and server, default 5), SIZES (default "16 128 16384"),
#   MSGS_SMALL (messages for payloads under 1 KiB, default 1000000), MSGS_LARGE (default 20000),
#   REQUESTS (default 10000), CLIENTS (default "switchboard-bench nats.go"), CONNZ_CONNECTIONS
#   (connections /connz lists at the end, default 10000),
#   SWITCHBOARD_JAVA_OPTS (passed on to bin/switchboard), SECTIONS (default "nats connz mqtt"),
#   SCENARIOS (the lines of the nats section to run, by name and separated by commas, e.g.
#   "1→1,4→1 fan-in"; default all of them),
#   MSGS_MQTT (messages per MQTT run, default 200000), MQTT_SIZES (default "16").
# Installs what it lacks with apt-get: nats-server, mosquitto, Go and Debian's nats.go (built
# offline, in GOPATH mode), and gnuplot for the charts. Only loopback is used. Run it on an idle machine.
set -euo pipefail

home=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-bench-results-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$out" && out=$(cd "$out" && pwd)
ROUNDS=${ROUNDS:-5}
SIZES=${SIZES:-"16 128 16384"}
MSGS_SMALL=${MSGS_SMALL:-1000000}
MSGS_LARGE=${MSGS_LARGE:-20000}
REQUESTS=${REQUESTS:-10000}
CLIENTS=${CLIENTS:-"switchboard-bench nats.go"}
CONNZ_CONNECTIONS=${CONNZ_CONNECTIONS:-10000}
SECTIONS=${SECTIONS:-"nats connz mqtt"}
SCENARIOS=${SCENARIOS:-}
MSGS_MQTT=${MSGS_MQTT:-200000}
MQTT_SIZES=${MQTT_SIZES:-16}
NATS_SERVER=/usr/sbin/nats-server
MOSQUITTO=/usr/sbin/mosquitto
GOPATH_DEBIAN=/usr/share/gocode
raw="$out/measurements.tsv"
declare -A pid port mqtt_port

install_missing() {
  local missing=() sudo=""
  [ -x "$NATS_SERVER" ] || missing+=(nats-server)
  [ -x "$MOSQUITTO" ] || missing+=(mosquitto)
  command -v go >/dev/null 2>&1 || missing+=(golang-go)
  [ -d "$GOPATH_DEBIAN/src/github.com/nats-io/nats.go" ] || missing+=(golang-github-nats-io-go-nats-dev)
  command -v gnuplot >/dev/null 2>&1 || missing+=(gnuplot-nox)
  [ ${#missing[@]} -eq 0 ] && return
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  echo "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get install -y -q "${missing[@]}" >/dev/null 2>&1 \
    || { $sudo apt-get update -q >/dev/null && $sudo apt-get install -y -q "${missing[@]}" >/dev/null; } \
    || echo "could not install all of: ${missing[*]} (charts are skipped without gnuplot)"
}

build_go_client() {
  GO111MODULE=off GOPATH=$GOPATH_DEBIAN GOCACHE="$out/.gocache" \
    go build -o "$out/gobench" "$home/bench/go/gobench.go"
}

# start_server NAME [FLAGS...]: starts it on 127.0.0.1 and a free port; sets pid[NAME], port[NAME]
# and startup_ms, the milliseconds from exec to its "Server is ready" log line.
start_server() {
  local name=$1 log="$out/$1.log" t0 line ready
  shift
  rm -f "$log"
  t0=$(date +%s.%N)
  case $name in
    nats-server) "$NATS_SERVER" -a 127.0.0.1 -p -1 "$@" >"$log" 2>&1 & ;;
    switchboard) "$home/bin/switchboard" -a 127.0.0.1 -p -1 "$@" >"$log" 2>&1 & ;;
    mosquitto) start_mosquitto "$log"; return ;;
  esac
  pid[$name]=$!
  for _ in $(seq 300); do
    grep -qs "Server is ready" "$log" && break
    kill -0 "${pid[$name]}" 2>/dev/null || { echo "$name exited:" >&2; cat "$log" >&2; exit 1; }
    sleep 0.1
  done
  line=$(grep -m1 "Server is ready" "$log") || { echo "$name did not start" >&2; exit 1; }
  ready=$(date -d "$(echo "$line" | awk '{print $2" "$3}' | tr / -)" +%s.%N)
  port[$name]=$(grep -m1 -o "client connections on [^ ]*" "$log" | sed 's/.*://')
  startup_ms=$(awk -v a="$t0" -v b="$ready" 'BEGIN { printf "%.0f", (b - a) * 1000 }')
}

# mosquitto takes no "any free port": a port nothing listens on, then its "running" log line.
start_mosquitto() {
  local log=$1 free conf="$out/mqtt/mosquitto.conf"
  free=$(comm -23 <(seq 20000 40000) <(ss -Htln | awk '{ sub(/.*:/, "", $4); print $4 }' | sort -u) | shuf -n 1)
  # the limits Switchboard and nats-server have by default: 1024 unacknowledged, queues beyond that
  printf '%s\n' "listener $free 127.0.0.1" "allow_anonymous true" "persistence false" \
    "max_inflight_messages 1024" "max_queued_messages 10000" "log_dest stderr" >"$conf"
  "$MOSQUITTO" -c "$conf" >"$log" 2>&1 &
  pid[mosquitto]=$!
  for _ in $(seq 100); do grep -qs " running" "$log" && break; sleep 0.1; done
  grep -qs " running" "$log" || { echo "mosquitto did not start" >&2; cat "$log" >&2; exit 1; }
  mqtt_port[mosquitto]=$free
}

stop_server() {
  [ -n "${pid[$1]:-}" ] || return 0
  kill "${pid[$1]}" 2>/dev/null && wait "${pid[$1]}" 2>/dev/null || true
}

rss_mib() {
  awk -v key="$2:" '$1 == key { printf "%.1f\n", $2 / 1024 }' "/proc/${pid[$1]}/status"
}

# run_mqtt SERVER ARGS...: one MQTT run of switchboard-bench; prints its JSON result line, or nothing when it failed.
run_mqtt() {
  local server=$1; shift
  timeout 300 "$home/bin/switchboard-bench" -s "mqtt://127.0.0.1:${mqtt_port[$server]}" \
    --no-progress --json "$@" 2>>"$out/clients.log" || true
}

# run_client CLIENT SERVER ARGS...: one run; prints its JSON result line, or nothing when it failed.
run_client() {
  local client=$1 server=$2; shift 2
  local url="nats://127.0.0.1:${port[$server]}"
  case $client in
    switchboard-bench) timeout 300 "$home/bin/switchboard-bench" -s "$url" --no-progress --json "$@" 2>>"$out/clients.log" ;;
    nats.go) timeout 300 "$out/gobench" -s "$url" "$@" 2>>"$out/clients.log" ;;
  esac || true
}

field() {
  sed -n "s/.*\"$1\":\([0-9.]*\).*/\1/p"
}

record() {
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >>"$raw"
}

payload_label() {
  if [ "$1" -ge 1024 ]; then echo "$(($1 / 1024)) KiB"; else echo "$1 B"; fi
}

# Scale lines (SECTIONS=scale), each with both servers in one run and a table per line of how the
# figure changes with the work (scale-growth.md) beside the side-by-side table (scale-table.md):
#   SCALE_CONNECTIONS (default "1000 10000 50000"; capped below the file limit, raised as far as the
#   machine allows): connection set-up rate and RSS per connection, one subscription each;
#   SCALE_SUBSCRIPTIONS (default "10000 100000 1000000"): install rate and RSS per subscription on one
#   connection, all literal and mixed (a tenth ending in *, a tenth in >), and match throughput with
#   that many installed (SCALE_MATCH_MSGS messages, default 1000000, each to one of them);
#   SCALE_FANOUT (default "10 100 1000" subscribers of one publisher, SCALE_FANOUT_MSGS each, default
#   20000); SCALE_MESH (default "1 10 100": N publishers to N subscribers, SCALE_MESH_MSGS in all,
#   default 100000); SCALE_LOADS (default "1 10 100" unpaced background publishers on another subject
#   during request/reply, SCALE_REQUESTS requests, default 10000, given a minute); SCALE_ROUNDS
#   (default 3). An empty list skips its line.
# Every connection and subscription measurement starts a fresh server, so that memory freed by
# an earlier one is not counted as free.
scale_section() {
  local raw="$out/scale-measurements.tsv" server round order result limit n probe
  local connections=${SCALE_CONNECTIONS-"1000 10000 50000"} subscriptions=${SCALE_SUBSCRIPTIONS-"10000 100000 1000000"}
  local fanout=${SCALE_FANOUT-"10 100 1000"} mesh=${SCALE_MESH-"1 10 100"} loads=${SCALE_LOADS-"1 10 100"}
  local match_msgs=${SCALE_MATCH_MSGS:-1000000} fanout_msgs=${SCALE_FANOUT_MSGS:-20000} mesh_msgs=${SCALE_MESH_MSGS:-100000}
  local requests=${SCALE_REQUESTS:-10000} rounds=${SCALE_ROUNDS:-3}
  probe=(java -cp "$home/lib/switchboard-distribution.jar" io.switchboard.bench.ScaleProbe)
  : >"$raw"
  for server in "${servers[@]}"; do stop_server "$server"; done
  ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
  limit=$(( $(ulimit -n) - 200 ))
  echo "scale: file limit $(ulimit -n), so at most $limit connections"

  scale_record() { # LINE WORK CLIENT SERVER METRIC VALUE, or fail when VALUE is empty
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" "${6:-fail}" >>"$raw"
  }
  # scale_probe LINE WORK SERVER METRIC-RATE METRIC-SIZE ARGS...: a fresh server, one ScaleProbe run
  scale_probe() {
    local line=$1 work=$2 server=$3 rate_metric=$4 size_metric=$5 divisor=1
    shift 5
    [ "$size_metric" = "KiB/connection" ] && divisor=1024
    start_server "$server"
    result=$(timeout 600 "${probe[@]}" "127.0.0.1:${port[$server]}" "${pid[$server]}" "$@" 2>>"$out/clients.log") || result=""
    stop_server "$server"
    echo "  $line, $work, $server: ${result:-failed (see clients.log)}"
    scale_record "$line" "$work" "raw sockets" "$server" "$rate_metric" "$(echo "$result" | field rate)"
    [ -n "$size_metric" ] && scale_record "$line" "$work" "raw sockets" "$server" "$size_metric" \
      "$(echo "$result" | field bytes_per_unit | awk -v d="$divisor" 'NF { printf "%.2f", $1 / d }')"
    return 0
  }
  scale_order() { # ROUND: the servers in the order of that round, alternating
    if [ $(($1 % 2)) -eq 1 ]; then echo "${servers[*]}"; else echo "switchboard nats-server"; fi
  }

  for n in $connections; do
    [ "$n" -gt "$limit" ] && { echo "  $n connections exceed the file limit: measuring $limit"; n=$limit; }
    for round in $(seq "$rounds"); do
      for server in $(scale_order "$round"); do
        scale_probe "connection set-up" "$n connections" "$server" "connections/s" "KiB/connection" connections "$n"
      done
    done
  done
  for n in $subscriptions; do
    for round in $(seq "$rounds"); do
      for server in $(scale_order "$round"); do
        scale_probe "subscriptions, literal" "$n subscriptions" "$server" "subscriptions/s" "B/subscription" subscriptions "$n" literal
        scale_probe "subscriptions, mixed" "$n subscriptions" "$server" "subscriptions/s" "B/subscription" subscriptions "$n" mixed
        scale_probe "match, $match_msgs msgs" "$n subscriptions" "$server" "msgs/s" "" match "$n" "$match_msgs"
      done
    done
  done

  for server in "${servers[@]}"; do start_server "$server"; done
  # a thousand subscribers' read buffers outgrow the bench tool's default heap
  local SWITCHBOARD_BENCH_JAVA_OPTS=${SWITCHBOARD_BENCH_JAVA_OPTS:-"-XX:+UseSerialGC -Xmx1g"}
  export SWITCHBOARD_BENCH_JAVA_OPTS
  scale_bench() { # LINE WORK SERVER ARGS...: one switchboard-bench run on a running server
    local line=$1 work=$2 server=$3
    shift 3
    result=$(run_client switchboard-bench "$server" --timeout 300 "$@")
    echo "  $line, $work, $server: ${result:-failed (see clients.log)}"
    kill -0 "${pid[$server]}" 2>/dev/null || start_server "$server"
  }
  for n in $fanout; do
    for round in $(seq "$rounds"); do
      for server in $(scale_order "$round"); do
        scale_bench "fan-out, 1→N" "$n subscribers" "$server" --pub 1 --sub "$n" --msgs "$fanout_msgs" --size 16
        scale_record "fan-out, 1→N" "$n subscribers" switchboard-bench "$server" "delivered msgs/s" "$(echo "$result" | field rate)"
      done
    done
  done
  for n in $mesh; do
    for round in $(seq "$rounds"); do
      for server in $(scale_order "$round"); do
        scale_bench "N→N" "$n × $n" "$server" --pub "$n" --sub "$n" --msgs "$mesh_msgs" --size 16
        scale_record "N→N" "$n × $n" switchboard-bench "$server" "delivered msgs/s" "$(echo "$result" | field rate)"
      done
    done
  done
  local load
  for n in $loads; do
    for round in $(seq "$rounds"); do
      for server in $(scale_order "$round"); do
        timeout 600 "$home/bin/switchboard-bench" -s "nats://127.0.0.1:${port[$server]}" --no-progress --timeout 590 \
          --pub "$n" --sub 0 --msgs 1000000000 --size 128 load >/dev/null 2>>"$out/clients.log" &
        load=$!
        sleep 1
        scale_bench "request/reply under load" "$n background publishers" "$server" --request --pub 1 --sub 1 --msgs "$requests" --size 128 --timeout 60
        kill -0 "$load" 2>/dev/null || echo "  the background load ended before the requests did (see clients.log)"
        kill "$load" 2>/dev/null || true
        wait "$load" 2>/dev/null || true
        scale_record "request/reply under load" "$n background publishers" switchboard-bench "$server" "p50 µs" "$(echo "$result" | field p50_us)"
        scale_record "request/reply under load" "$n background publishers" switchboard-bench "$server" "p99 µs" "$(echo "$result" | field p99_us)"
      done
    done
  done
  for server in "${servers[@]}"; do stop_server "$server"; done
  java -cp "$home/lib/switchboard-distribution.jar" io.switchboard.bench.CompareTable "$raw" | tee "$out/scale-table.md"
  java -cp "$home/lib/switchboard-distribution.jar" io.switchboard.bench.CompareTable --growth "$raw" | tee "$out/scale-growth.md"
}

scenarios=(
  "publish only|--pub 1 --sub 0"
  "1→1|--pub 1 --sub 1"
  "1→4 fan-out|--pub 1 --sub 4"
  "4→1 fan-in|--pub 4 --sub 1"
  "queue group of 4|--pub 1 --sub 4 --queue"
  "request/reply|--request --pub 1 --sub 1"
)

# whatever happens, no server outlives the script
trap 'for s in "${!pid[@]}"; do stop_server "$s"; done' EXIT
install_missing
build_go_client
: >"$raw"
servers=(nats-server switchboard)
{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(uname -sr)"
  echo "java: $(java -version 2>&1 | head -1)"
  echo "nats-server: $("$NATS_SERVER" --version)"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$out/conditions.txt"

nats_section() {
  echo "start-to-ready, $ROUNDS fresh starts each"
  for round in $(seq "$ROUNDS"); do
    order=("${servers[@]}"); [ $((round % 2)) -eq 0 ] && order=(switchboard nats-server)
    for server in "${order[@]}"; do
      start_server "$server"
      record "start-to-ready" "–" "–" "$server" "ms" "$startup_ms"
      stop_server "$server"
    done
  done

  for server in "${servers[@]}"; do
    start_server "$server"
  done
  sleep 2
  for server in "${servers[@]}"; do
    record "RSS when ready" "–" "–" "$server" "MiB" "$(rss_mib "$server" VmRSS)"
  done
  echo "warming up both servers"
  for server in "${servers[@]}"; do
    for client in $CLIENTS; do
      run_client "$client" "$server" --pub 1 --sub 1 --msgs 500000 --size 128 >/dev/null
      run_client "$client" "$server" --request --pub 1 --sub 1 --msgs 5000 --size 128 >/dev/null
    done
  done

  for size in $SIZES; do
    msgs=$MSGS_SMALL; [ "$size" -ge 1024 ] && msgs=$MSGS_LARGE
    for entry in "${scenarios[@]}"; do
      name=${entry%%|*}; args=${entry#*|}
      [ -z "$SCENARIOS" ] || [[ ",$SCENARIOS," == *",$name,"* ]] || continue
      n=$msgs; [[ $args == --request* ]] && n=$REQUESTS
      for client in $CLIENTS; do
        for round in $(seq "$ROUNDS"); do
          order=("${servers[@]}"); [ $((round % 2)) -eq 0 ] && order=(switchboard nats-server)
          for server in "${order[@]}"; do
            # shellcheck disable=SC2086
            result=$(run_client "$client" "$server" $args --msgs "$n" --size "$size")
            label=$(payload_label "$size")
            if [ -z "$result" ]; then
              record "$name" "$label" "$client" "$server" "msgs/s" fail
              echo "  $name $label $client $server: failed (see clients.log)"
              kill -0 "${pid[$server]}" 2>/dev/null || start_server "$server"
              continue
            fi
            record "$name" "$label" "$client" "$server" "msgs/s" "$(echo "$result" | field rate)"
            if [[ $args == --request* ]]; then
              record "$name" "$label" "$client" "$server" "p50 µs" "$(echo "$result" | field p50_us)"
              record "$name" "$label" "$client" "$server" "p99 µs" "$(echo "$result" | field p99_us)"
            fi
            echo "  $name $label $client $server: $result"
          done
        done
      done
    done
  done

  sleep 2
  for server in "${servers[@]}"; do
    record "RSS after load" "–" "–" "$server" "MiB" "$(rss_mib "$server" VmRSS)"
    record "peak RSS" "–" "–" "$server" "MiB" "$(rss_mib "$server" VmHWM)"
  done
}

connz_section() {
  # /connz listing every one of many connections in one page, each server started with a monitoring port
  echo "/connz with $CONNZ_CONNECTIONS connections"
  for server in "${servers[@]}"; do
    stop_server "$server"
    start_server "$server" -m -1
    for _ in $(seq 100); do grep -qs "monitor on" "$out/$server.log" && break; sleep 0.1; done
    monitor=$(grep -m1 -o "monitor on [^ ]*" "$out/$server.log" | sed 's/.*://')
    result=$(java -cp "$home/lib/switchboard-distribution.jar" io.switchboard.bench.ConnzProbe \
      "127.0.0.1:${port[$server]}" "http://127.0.0.1:$monitor" "$CONNZ_CONNECTIONS" 2>>"$out/clients.log") || result=""
    label="/connz, $CONNZ_CONNECTIONS connections"
    if [ -z "$result" ]; then
      record "$label" "–" "–" "$server" "p50 ms" fail
      echo "  $server: failed (see clients.log)"
    else
      record "$label" "–" "–" "$server" "p50 ms" "$(echo "$result" | field p50_ms)"
      record "$label" "–" "–" "$server" "max ms" "$(echo "$result" | field max_ms)"
      echo "  $server: $result"
    fi
    stop_server "$server"
  done
}

# MQTT, one publisher to one subscriber at QoS 0 and at QoS 1, with switchboard-bench alone (nats.go
# speaks no MQTT); mosquitto is the baseline of its table.
mqtt_section() {
  local raw="$out/mqtt-measurements.tsv" mqtt_servers=(mosquitto nats-server switchboard) server name args
  mkdir -p "$out/mqtt"
  : >"$raw"
  for server in nats-server switchboard; do stop_server "$server"; done
  rm -rf "$out/mqtt/nats-server-js" "$out/mqtt/switchboard-store"
  printf '%s\n' 'server_name: bench' "jetstream { store_dir: \"$out/mqtt/nats-server-js\" }" \
    'mqtt { listen: "127.0.0.1:-1" }' >"$out/mqtt/nats-server.conf"
  printf '%s\n' "mqtt { listen: \"127.0.0.1:-1\", store_dir: \"$out/mqtt/switchboard-store\" }" \
    >"$out/mqtt/switchboard.conf"
  for server in "${mqtt_servers[@]}"; do
    start_server "$server" -c "$out/mqtt/$server.conf"
    [ "$server" = mosquitto ] && continue
    # a plugin bundle may say it listens a moment after the server is ready
    for _ in $(seq 100); do grep -qs "MQTT clients on" "$out/$server.log" && break; sleep 0.1; done
    mqtt_port[$server]=$(grep -m1 -o "MQTT clients on mqtt://[^ ]*" "$out/$server.log" | sed 's/.*://')
  done
  local mqtt_scenarios=("MQTT QoS 0, 1→1|--qos 0 --pub 1 --sub 1" "MQTT QoS 1, 1→1|--qos 1 --pub 1 --sub 1")
  echo "MQTT: warming up"
  for server in "${mqtt_servers[@]}"; do
    run_mqtt "$server" --qos 0 --pub 1 --sub 1 --msgs "$MSGS_MQTT" --size 16 >/dev/null
    run_mqtt "$server" --qos 1 --pub 1 --sub 1 --msgs "$((MSGS_MQTT / 4))" --size 16 >/dev/null
  done
  for size in $MQTT_SIZES; do
    for entry in "${mqtt_scenarios[@]}"; do
      name=${entry%%|*}; args=${entry#*|}
      for round in $(seq "$ROUNDS"); do
        local order=("${mqtt_servers[@]:(round - 1) % 3}" "${mqtt_servers[@]:0:(round - 1) % 3}")
        for server in "${order[@]}"; do
          # shellcheck disable=SC2086
          result=$(run_mqtt "$server" $args --msgs "$MSGS_MQTT" --size "$size")
          label=$(payload_label "$size")
          if [ -z "$result" ]; then
            record "$name" "$label" switchboard-bench "$server" "msgs/s" fail
            echo "  $name $label $server: failed (see clients.log)"
            continue
          fi
          record "$name" "$label" switchboard-bench "$server" "msgs/s" "$(echo "$result" | field rate)"
          echo "  $name $label $server: $result"
        done
      done
    done
  done
  for server in "${mqtt_servers[@]}"; do stop_server "$server"; done
  java -cp "$home/lib/switchboard-distribution.jar" io.switchboard.bench.CompareTable "$raw" | tee "$out/mqtt-table.md"
}

for section in $SECTIONS; do
  "${section}_section"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/conditions.txt"

if [ -s "$raw" ]; then
  java -cp "$home/lib/switchboard-distribution.jar" io.switchboard.bench.CompareTable "$raw" | tee "$out/table.md"
  if command -v gnuplot >/dev/null 2>&1; then
    "$home/bench/plot.sh" "$out/table.md" "$out" || echo "charts failed"
  fi
fi
echo "results in $out"
