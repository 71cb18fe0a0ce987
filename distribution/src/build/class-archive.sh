#!/bin/sh
# Writes lib/switchboard.jsa, the class data sharing archive of an assembled tree: starts the
# broker once on free ports with every plugin in use, stops it once it is ready, and the JVM
# writes out the classes it loaded as it exits. bin/switchboard hands the archive to the JVM,
# which then maps those classes instead of reading, parsing and verifying them again at every
# start. Another JVM, or a copy of the tree at another path, cannot use it and starts without
# it. Failing to write it fails nothing: the broker only starts slower.
# Usage: class-archive.sh <tree> <work directory>
tree=$1
work=$2
archive="$tree/lib/switchboard.jsa"
log="$work/class-archive.log"
conf="$work/class-archive.conf"
mkdir -p "$work"
rm -f "$archive"
cat >"$conf" <<'CONF'
port: -1
http_port: -1
websocket { host: 127.0.0.1, port: -1, no_tls: true }
cluster { name: archive, host: 127.0.0.1, port: -1 }
gateway { name: archive, host: 127.0.0.1, port: -1 }
CONF
echo "mqtt { host: 127.0.0.1, port: -1, store_dir: \"$work/class-archive-mqtt\" }" >>"$conf"
JDK_JAVA_OPTIONS="-XX:ArchiveClassesAtExit=$archive" "$tree/bin/switchboard" -c "$conf" -a 127.0.0.1 >"$log" 2>&1 &
pid=$!
started() {
  for line in "Server is ready" "Starting http monitor" "Listening for route connections" \
      "Listening for gateways connections" "Listening for MQTT clients"; do
    grep -qs "$line" "$log" || return 1
  done
}
gone() {
  ! kill -0 $pid 2>/dev/null
}
started_or_gone() {
  started || gone
}
# within_30s CONDITION: polls CONDITION until it holds, for 30 s at most
within_30s() {
  tries=0
  until "$1" || [ $tries -ge 300 ]; do
    sleep 0.1
    tries=$((tries + 1))
  done
}
within_30s started_or_gone
kill -TERM $pid 2>/dev/null
# writing the archive takes a second or two; a broker that does not exit is not waited for
within_30s gone
kill -KILL $pid 2>/dev/null
wait $pid 2>/dev/null
if [ -s "$archive" ]; then
  echo "class data sharing archive: $archive"
else
  echo "[WRN] no class data sharing archive written, see $log"
fi
