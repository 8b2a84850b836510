#!/usr/bin/env bash
# Memory per active series, Vigil against Prometheus: both scrape the same demo exporters (examples/demo-exporter)
# twice, with a small and a large number of series; the resident set size after the same number of scrapes is
# measured for each, and the growth per added series (RSS(large) - RSS(small)) / (large - small series) is printed
# for both, with the ratio. Loopback only; every process started here is stopped on exit.
#
# Usage: bench/e2e-memory.sh                     (defaults below; override with environment variables)
#   SERIES=1000 SMALL=50 LARGE=500 INTERVAL=5 SCRAPES=60 bench/e2e-memory.sh
#   (SMALL and LARGE are numbers of targets; each target exposes SERIES series)
# Needs: server/target/vigil.jar (./mvnw -q -B -ntp -pl server -am package -DskipTests), java, javac, curl, python3,
#   /usr/bin/prometheus.
set -euo pipefail

SERIES=${SERIES:-1000}
SMALL=${SMALL:-50}
LARGE=${LARGE:-500}
INTERVAL=${INTERVAL:-5}
SCRAPES=${SCRAPES:-60}
PROMETHEUS=${PROMETHEUS:-/usr/bin/prometheus}
# Vigil runs through bin/vigil, with the JVM defaults users get; VIGIL_JAVA_OPTS adds to them.
VIGIL_JAVA_OPTS=${VIGIL_JAVA_OPTS:-}

root=$(cd "$(dirname "$0")/.." && pwd)
jar="$root/server/target/vigil.jar"
[ -f "$jar" ] || { echo "missing $jar; build with: ./mvnw -q -B -ntp -pl server -am package -DskipTests" >&2; exit 1; }
[ -x "$PROMETHEUS" ] || { echo "missing $PROMETHEUS (apt-get install prometheus)" >&2; exit 1; }

source "$root/bench/e2e-lib.sh"
work=$(mktemp -d)
cleanup() { stop_all; rm -rf "$work"; }
trap cleanup EXIT

metric() { curl -fsS "$1" | awk -v m="$2" '$1 == m {print $NF}'; }

mkdir -p "$work/classes"
javac -d "$work/classes" "$root/examples/demo-exporter/DemoExporter.java"

# Runs both systems against TARGETS exporters; prints "vigil_series vigil_rss_kb prometheus_series
# prometheus_rss_kb". Runs in this shell (redirect its output, do not pipe it) so the EXIT trap stops what it started.
measure() {
  local targets=$1 base_port
  base_port=$((20000 + RANDOM % 20000))
  java -Xmx2g -cp "$work/classes" DemoExporter --port "$base_port" --series "$SERIES" --count "$targets" \
    >"$work/exporters-$targets.log" 2>&1 &
  pids+=($!)
  await_http "http://127.0.0.1:$((base_port + targets - 1))/metrics"
  local list
  list=$(for i in $(seq 0 $((targets - 1))); do printf '"127.0.0.1:%d",' $((base_port + i)); done)
  cat >"$work/scrape-$targets.yml" <<YAML
global:
  scrape_interval: ${INTERVAL}s
  scrape_timeout: ${INTERVAL}s
scrape_configs:
  - job_name: demo
    static_configs:
      - targets: [${list%,}]
YAML
  local vport pport vpid ppid
  vport=$(free_port)
  # shellcheck disable=SC2086
  VIGIL_JAVA_OPTS="$VIGIL_JAVA_OPTS" "$root/bin/vigil" server --config.file="$work/scrape-$targets.yml" \
    --storage.tsdb.path="$work/vigil-$targets" --web.listen-address="127.0.0.1:$vport" >"$work/vigil-$targets.log" 2>&1 &
  vpid=$!; pids+=("$vpid")
  # Prometheus's port is picked once Vigil listens, so the two can never be handed the same free port.
  await_http "http://127.0.0.1:$vport/-/ready"
  pport=$(free_port)
  "$PROMETHEUS" --config.file="$work/scrape-$targets.yml" --storage.tsdb.path="$work/prom-$targets" \
    --web.listen-address="127.0.0.1:$pport" >"$work/prometheus-$targets.log" 2>&1 &
  ppid=$!; pids+=("$ppid")
  await_http "http://127.0.0.1:$pport/-/ready"
  echo "  $targets targets x $SERIES series: waiting for $SCRAPES scrapes ($((INTERVAL * SCRAPES)) s)" >&2
  sleep $((INTERVAL * SCRAPES))
  require_running "$vpid" "Vigil" "$work/vigil-$targets.log"
  require_running "$ppid" "Prometheus" "$work/prometheus-$targets.log"
  local vs ps
  vs=$(metric "http://127.0.0.1:$vport/metrics" vigil_tsdb_head_series)
  ps=$(metric "http://127.0.0.1:$pport/metrics" prometheus_tsdb_head_series)
  echo "$vs $(rss_kb "$vpid") $ps $(rss_kb "$ppid")"
  stop_all
}

echo "bench: exporters of $SERIES series, $SMALL then $LARGE targets, every ${INTERVAL}s, RSS after $SCRAPES scrapes"
measure "$SMALL" >"$work/small.txt"
measure "$LARGE" >"$work/large.txt"
read -r vs1 vr1 ps1 pr1 <"$work/small.txt"
read -r vs2 vr2 ps2 pr2 <"$work/large.txt"
python3 - "$vs1" "$vr1" "$ps1" "$pr1" "$vs2" "$vr2" "$ps2" "$pr2" <<'PY'
import sys
vs1, vr1, ps1, pr1, vs2, vr2, ps2, pr2 = (float(x) for x in sys.argv[1:])
v = (vr2 - vr1) * 1024 / (vs2 - vs1)
p = (pr2 - pr1) * 1024 / (ps2 - ps1)
print(f"{'':11} {'series':>9} {'rss_MiB':>9} {'series':>9} {'rss_MiB':>9} {'bytes/series':>13}")
print(f"{'vigil':11} {vs1:9.0f} {vr1/1024:9.1f} {vs2:9.0f} {vr2/1024:9.1f} {v:13.0f}")
print(f"{'prometheus':11} {ps1:9.0f} {pr1/1024:9.1f} {ps2:9.0f} {pr2/1024:9.1f} {p:13.0f}")
print(f"ratio vigil/prometheus (RSS growth per active series): {v / p:.2f}")
PY
