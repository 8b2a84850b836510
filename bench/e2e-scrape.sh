#!/usr/bin/env bash
# End-to-end scrape benchmark: Vigil and Debian's Prometheus scrape the same demo exporters; prints CPU seconds per
# million ingested samples and resident memory for both, and the ratios. Loopback only; every process started here is
# stopped on exit.
#
# Usage: bench/e2e-scrape.sh            (defaults below; override with environment variables)
#   TARGETS=100 SERIES=1000 INTERVAL=5 WARMUP=30 DURATION=180 bench/e2e-scrape.sh
# Needs: server/target/vigil.jar (./mvnw -q -B -ntp -DskipTests package), java, curl, /usr/bin/prometheus; bin/vigil
# preloads jemalloc when libjemalloc2 is installed (as users get it), so install it for the figures in the READMEs.
set -euo pipefail

TARGETS=${TARGETS:-100}
SERIES=${SERIES:-1000}
INTERVAL=${INTERVAL:-5}
WARMUP=${WARMUP:-30}
DURATION=${DURATION:-180}
# The exporters' ports lie below the kernel's ephemeral range, where no outgoing connection can hold one of them.
ephemeral_low=$(awk '{print $1}' /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
BASE_PORT=${BASE_PORT:-$((20000 + RANDOM % (ephemeral_low - 20000 - TARGETS)))}
PROMETHEUS=${PROMETHEUS:-/usr/bin/prometheus}
# Vigil runs through bin/vigil, with the JVM defaults users get; VIGIL_JAVA_OPTS adds to them.
VIGIL_JAVA_OPTS=${VIGIL_JAVA_OPTS:-}

root=$(cd "$(dirname "$0")/.." && pwd)
jar="$root/server/target/vigil.jar"
[ -f "$jar" ] || { echo "missing $jar; build with: ./mvnw -q -B -ntp -DskipTests package" >&2; exit 1; }
[ -x "$PROMETHEUS" ] || { echo "missing $PROMETHEUS (apt-get install prometheus)" >&2; exit 1; }

source "$root/bench/e2e-lib.sh"
work=$(mktemp -d)
cleanup() { stop_all; rm -rf "$work"; }
trap cleanup EXIT

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
metric_sum() { curl -fsS "$1" | awk -v m="$2" '$1 == m || index($1, m "{") == 1 {s += $NF} END {printf "%.0f", s}'; }

echo "bench: $TARGETS targets x $SERIES series every ${INTERVAL}s; warm-up ${WARMUP}s, measured ${DURATION}s; work dir $work"

# One JVM serves every target, on ports BASE_PORT .. BASE_PORT+TARGETS-1.
mkdir -p "$work/classes"
javac -d "$work/classes" "$root/examples/demo-exporter/DemoExporter.java"
java -Xmx512m -cp "$work/classes" DemoExporter --port "$BASE_PORT" --series "$SERIES" --count "$TARGETS" \
  >"$work/exporters.log" 2>&1 &
pids+=($!)
await_http "http://127.0.0.1:$((BASE_PORT + TARGETS - 1))/metrics" || { cat "$work/exporters.log" >&2; exit 1; }

targets=$(for i in $(seq 0 $((TARGETS - 1))); do printf '"127.0.0.1:%d",' $((BASE_PORT + i)); done)
cat >"$work/scrape.yml" <<YAML
global:
  scrape_interval: ${INTERVAL}s
  scrape_timeout: ${INTERVAL}s
scrape_configs:
  - job_name: demo
    static_configs:
      - targets: [${targets%,}]
YAML

vigil_port=$(free_port)
# shellcheck disable=SC2086
VIGIL_JAVA_OPTS="$VIGIL_JAVA_OPTS" "$root/bin/vigil" server --config.file="$work/scrape.yml" --storage.tsdb.path="$work/vigil-data" \
  --web.listen-address="127.0.0.1:$vigil_port" >"$work/vigil.log" 2>&1 &
vigil_pid=$!
pids+=("$vigil_pid")
# Prometheus's port is picked once Vigil listens, so the two can never be handed the same free port.
await_http "http://127.0.0.1:$vigil_port/-/ready"

prom_port=$(free_port)
"$PROMETHEUS" --config.file="$work/scrape.yml" --storage.tsdb.path="$work/prom-data" \
  --web.listen-address="127.0.0.1:$prom_port" >"$work/prometheus.log" 2>&1 &
prom_pid=$!
pids+=("$prom_pid")

await_http "http://127.0.0.1:$prom_port/-/ready"
echo "bench: Vigil pid $vigil_pid on :$vigil_port, Prometheus pid $prom_pid on :$prom_port; warming up"
sleep "$WARMUP"

v_cpu0=$(cpu_ticks "$vigil_pid"); p_cpu0=$(cpu_ticks "$prom_pid")
v_scr0=$(metric_sum "http://127.0.0.1:$vigil_port/metrics" vigil_target_scrapes_total)
v_fail0=$(metric_sum "http://127.0.0.1:$vigil_port/metrics" vigil_target_scrapes_failed_total)
p_smp0=$(metric_sum "http://127.0.0.1:$prom_port/metrics" prometheus_tsdb_head_samples_appended_total)
v_rss_sum=0; p_rss_sum=0; v_rss_max=0; p_rss_max=0; n=0
end=$((SECONDS + DURATION))
while [ $SECONDS -lt $end ]; do
  sleep 5
  v=$(rss_kb "$vigil_pid"); p=$(rss_kb "$prom_pid")
  v_rss_sum=$((v_rss_sum + v)); p_rss_sum=$((p_rss_sum + p)); n=$((n + 1))
  [ "$v" -gt "$v_rss_max" ] && v_rss_max=$v
  [ "$p" -gt "$p_rss_max" ] && p_rss_max=$p
done
require_running "$vigil_pid" "Vigil" "$work/vigil.log"
require_running "$prom_pid" "Prometheus" "$work/prometheus.log"
v_cpu1=$(cpu_ticks "$vigil_pid"); p_cpu1=$(cpu_ticks "$prom_pid")
v_scr1=$(metric_sum "http://127.0.0.1:$vigil_port/metrics" vigil_target_scrapes_total)
v_fail1=$(metric_sum "http://127.0.0.1:$vigil_port/metrics" vigil_target_scrapes_failed_total)
p_smp1=$(metric_sum "http://127.0.0.1:$prom_port/metrics" prometheus_tsdb_head_samples_appended_total)

hz=$(getconf CLK_TCK)
# Vigil's samples: successful scrapes of the demo job x (series + 5 report series); its self-scrape is not configured.
v_samples=$(( (v_scr1 - v_scr0 - (v_fail1 - v_fail0)) * (SERIES + 5) ))
p_samples=$((p_smp1 - p_smp0))
awk -v vc="$((v_cpu1 - v_cpu0))" -v pc="$((p_cpu1 - p_cpu0))" -v hz="$hz" \
    -v vs="$v_samples" -v ps="$p_samples" -v vf="$((v_fail1 - v_fail0))" \
    -v vr="$((v_rss_sum / n))" -v pr="$((p_rss_sum / n))" -v vm="$v_rss_max" -v pm="$p_rss_max" 'BEGIN {
  vcs = vc / hz; pcs = pc / hz
  vpm = vs > 0 ? vcs / (vs / 1e6) : 0; ppm = ps > 0 ? pcs / (ps / 1e6) : 0
  printf "%-11s %10s %12s %14s %12s %12s\n", "", "cpu_s", "samples", "cpu_s/Msample", "rss_avg_MiB", "rss_max_MiB"
  printf "%-11s %10.2f %12d %14.3f %12.1f %12.1f   (failed scrapes: %d)\n", "vigil", vcs, vs, vpm, vr/1024, vm/1024, vf
  printf "%-11s %10.2f %12d %14.3f %12.1f %12.1f\n", "prometheus", pcs, ps, ppm, pr/1024, pm/1024
  if (ppm > 0 && pr > 0) printf "ratio vigil/prometheus: cpu per sample %.2f, rss avg %.2f, rss max %.2f\n", vpm/ppm, vr/pr, vm/pm
}'
