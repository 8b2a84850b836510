#!/usr/bin/env bash
# End-to-end storage comparison: the same OpenMetrics file is loaded into Vigil (`vigil import openmetrics`) and into
# Prometheus (`promtool tsdb create-blocks-from openmetrics`, then a Prometheus server compacts the blocks as it would
# in production), and the bytes per sample on disk of both are printed with their ratio.
#
# Usage: bench/e2e-storage.sh                 (defaults below; override with environment variables)
#   SERIES=2000 HOURS=24 bench/e2e-storage.sh
#   FILE=my.om bench/e2e-storage.sh           (use an existing OpenMetrics file instead of generating one)
# Needs: server/target/vigil.jar and bench/target/benchmarks.jar (./mvnw -q -B -ntp -pl server,bench -am package
#   -DskipTests), java, curl, python3, /usr/bin/promtool, /usr/bin/prometheus.
set -euo pipefail

SERIES=${SERIES:-1000}
HOURS=${HOURS:-24}
PROMTOOL=${PROMTOOL:-/usr/bin/promtool}
PROMETHEUS=${PROMETHEUS:-/usr/bin/prometheus}
KEEP=${KEEP:-}

root=$(cd "$(dirname "$0")/.." && pwd)
jar="$root/server/target/vigil.jar"
bench="$root/bench/target/benchmarks.jar"
for f in "$jar" "$bench"; do
  [ -f "$f" ] || { echo "missing $f; build with: ./mvnw -q -B -ntp -pl server,bench -am package -DskipTests" >&2; exit 1; }
done
for b in "$PROMTOOL" "$PROMETHEUS"; do
  [ -x "$b" ] || { echo "missing $b (apt-get install prometheus)" >&2; exit 1; }
done

source "$root/bench/e2e-lib.sh"
work=$(mktemp -d)
prom_pid=
cleanup() {
  if [ -n "$prom_pid" ]; then kill "$prom_pid" 2>/dev/null || true; wait "$prom_pid" 2>/dev/null || true; fi
  if [ -z "$KEEP" ]; then rm -rf "$work"; else echo "kept $work"; fi
}
trap cleanup EXIT

file=${FILE:-$work/data.om}
if [ -z "${FILE:-}" ]; then
  java -cp "$bench" dev.vigil.bench.OpenMetricsGenerator --series "$SERIES" --hours "$HOURS" --out "$file"
fi
echo "input: $file ($(du -h "$file" | cut -f1))"

# Vigil: import, then measure the whole data directory.
start=$(date +%s.%N)
java -jar "$jar" import openmetrics "$file" --storage.tsdb.path="$work/vigil" >"$work/vigil-import.txt" \
  2>"$work/vigil-import.log"
vigil_seconds=$(python3 -c "import time; print(f'{time.time() - $start:.1f}')")
samples=$(awk '/^Samples:/ {print $2}' "$work/vigil-import.txt")
grep -q '^Rejected: 0' "$work/vigil-import.txt" || { cat "$work/vigil-import.txt"; echo "vigil rejected samples" >&2; }
vigil_bytes=$(du -sb "$work/vigil" | cut -f1)

# Prometheus: create 2 h blocks, then let a server compact them (as a running Prometheus does), and measure the blocks.
start=$(date +%s.%N)
"$PROMTOOL" tsdb create-blocks-from openmetrics "$file" "$work/prom" >"$work/promtool.txt" 2>&1
prom_seconds=$(python3 -c "import time; print(f'{time.time() - $start:.1f}')")
uncompacted=$(du -sb "$work/prom" | cut -f1)
port=$(free_port)
printf 'global:\n  scrape_interval: 1h\nscrape_configs: []\n' >"$work/prometheus.yml"
"$PROMETHEUS" --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/prom" \
  --storage.tsdb.retention.time=3650d --web.listen-address="127.0.0.1:$port" >"$work/prometheus.log" 2>&1 &
prom_pid=$!
blocks() { find "$work/prom" -maxdepth 1 -name '01*' -type d | wc -l; }
previous=-1; stable=0
for _ in $(seq 1 600); do
  sleep 1
  n=$(blocks)
  if [ "$n" = "$previous" ]; then stable=$((stable + 1)); else stable=0; fi
  previous=$n
  # Compaction of historical blocks starts about a minute after startup; wait for it and until the block count settles.
  if [ $stable -ge 20 ] && grep -q 'compact blocks\|Compaction\|compaction' "$work/prometheus.log" 2>/dev/null; then break; fi
  if [ $stable -ge 120 ]; then break; fi
done
kill "$prom_pid"; wait "$prom_pid" 2>/dev/null || true; prom_pid=
prom_bytes=$(find "$work/prom" -mindepth 1 -maxdepth 1 -name '01*' -type d -exec du -sb {} + | awk '{s += $1} END {print s}')

python3 - "$samples" "$vigil_bytes" "$prom_bytes" "$uncompacted" "$(blocks)" "$vigil_seconds" "$prom_seconds" <<'PY'
import sys
samples, vigil, prom, uncompacted, blocks, vs, ps = sys.argv[1:]
samples, vigil, prom, uncompacted = int(samples), int(vigil), int(prom), int(uncompacted)
print(f"samples: {samples}")
print(f"vigil      {vigil:>12} bytes  {vigil / samples:6.3f} bytes/sample  (whole data dir; import took {vs} s)")
print(f"prometheus {prom:>12} bytes  {prom / samples:6.3f} bytes/sample  ({blocks} compacted blocks; "
      f"{uncompacted / samples:.3f} before compaction; promtool took {ps} s)")
print(f"ratio vigil/prometheus: {vigil / prom:.3f}")
PY
