#!/usr/bin/env bash
# PromQL benchmark against Prometheus: the same data (QueryBenchData: 20,000 series x 6 h at 15 s) in Vigil's RocksDB
# TSDB and in Prometheus's TSDB (backfilled with promtool), the same dashboard range queries (BenchQuery: last hour,
# 15 s step) timed on both. Vigil is timed in-process by JMH (PromqlQueryBenchmark: parse + select + read + evaluate);
# Prometheus over its HTTP API, taking the execution time it reports with stats=all (its engine, without HTTP and JSON;
# the request's wall time is printed too). Prints both, the ratio Vigil/Prometheus per query and the geometric mean.
# A second table compares CPU time per query: Vigil's whole process (PromqlQueryCpuTime) against what Prometheus's
# process spends per request (/proc/PID/stat), which other load on a shared machine skews far less than wall time.
# Loopback only; the Prometheus started here is stopped on exit. Wall times want a quiet machine: both systems are
# timed one after the other, and other load skews either.
#
# Usage: bench/e2e-promql.sh            (defaults below; override with environment variables)
#   DATA_DIR=/var/tmp/promql-bench RUNS=20 JMH_OPTS="-f 1 -wi 5 -i 10 -w 5s -r 5s" bench/e2e-promql.sh
#   DATA_DIR keeps both data sets between runs (building them takes a few minutes); by default they go to a
#   temporary directory that is removed at the end.
# Needs: bench/target/benchmarks.jar (./mvnw -B -ntp -pl bench -am package -DskipTests), java, python3, curl,
#        /usr/bin/prometheus and /usr/bin/promtool (Debian's prometheus package, 2.42).
set -euo pipefail

RUNS=${RUNS:-10}
WARMUP_RUNS=${WARMUP_RUNS:-3}
JMH_OPTS=${JMH_OPTS:--f 1 -wi 3 -i 5 -w 5s -r 5s}
PROMETHEUS=${PROMETHEUS:-/usr/bin/prometheus}
PROMTOOL=${PROMTOOL:-/usr/bin/promtool}

root=$(cd "$(dirname "$0")/.." && pwd)
jar="$root/bench/target/benchmarks.jar"
[ -f "$jar" ] || { echo "missing $jar; build with: ./mvnw -B -ntp -pl bench -am package -DskipTests" >&2; exit 1; }
[ -x "$PROMETHEUS" ] || { echo "missing $PROMETHEUS (apt-get install prometheus)" >&2; exit 1; }
[ -x "$PROMTOOL" ] || { echo "missing $PROMTOOL (apt-get install prometheus)" >&2; exit 1; }

work=$(mktemp -d)
data=${DATA_DIR:-$work/data}
mkdir -p "$data"
prom_pid=
cleanup() {
  if [ -n "$prom_pid" ]; then kill "$prom_pid" 2>/dev/null || true; wait "$prom_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
await_http() {
  for _ in $(seq 1 1200); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.1; done
  echo "no answer from $1" >&2; return 1
}
bench_data() { java -cp "$jar" dev.vigil.bench.promql.QueryBenchData "$@"; }

version=$(bench_data version)
bench_data queries >"$work/queries.tsv"
echo "bench: data $version in $data; $(wc -l <"$work/queries.tsv") queries"

# Vigil first, while Prometheus is not running. JMH builds the TSDB into $data/vigil on first use.
# shellcheck disable=SC2086
java -jar "$jar" PromqlQueryBenchmark -p dataDir="$data/vigil" $JMH_OPTS -rf json -rff "$work/vigil.json" \
  >"$work/jmh.log" 2>&1 || { tail -50 "$work/jmh.log" >&2; exit 1; }
grep -E '^PromqlQueryBenchmark' "$work/jmh.log" || true
java -Xms2g -Xmx2g -cp "$jar" dev.vigil.bench.promql.PromqlQueryCpuTime "$data/vigil" 10 "$RUNS" >"$work/vigil-cpu.tsv"

if [ "$(cat "$data/prometheus.version" 2>/dev/null)" != "$version" ]; then
  echo "bench: backfilling Prometheus (promtool tsdb create-blocks-from openmetrics)"
  rm -rf "$data/prometheus"
  bench_data openmetrics "$work/data.om"
  "$PROMTOOL" tsdb create-blocks-from openmetrics "$work/data.om" "$data/prometheus" >"$work/promtool.log" 2>&1 \
    || { tail -20 "$work/promtool.log" >&2; exit 1; }
  rm -f "$work/data.om"
  echo "$version" >"$data/prometheus.version"
fi

printf 'global:\n  scrape_interval: 1h\n' >"$work/prometheus.yml"
port=$(free_port)
"$PROMETHEUS" --config.file="$work/prometheus.yml" --storage.tsdb.path="$data/prometheus" \
  --storage.tsdb.retention.time=100y --web.listen-address="127.0.0.1:$port" >"$work/prometheus.log" 2>&1 &
prom_pid=$!
await_http "http://127.0.0.1:$port/-/ready"

python3 - "$port" "$RUNS" "$WARMUP_RUNS" "$work/queries.tsv" "$work/vigil.json" "$prom_pid" "$work/vigil-cpu.tsv" <<'PY'
import json, math, os, statistics, sys, time, urllib.parse, urllib.request

port, runs, warmups, queries_file, vigil_file = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
prom_pid, vigil_cpu_file = sys.argv[6], sys.argv[7]
ticks = os.sysconf("SC_CLK_TCK")

def prom_cpu_ms():
    with open("/proc/%s/stat" % prom_pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return 1000.0 * (int(fields[11]) + int(fields[12])) / ticks

vigil_cpu = {}
for line in open(vigil_cpu_file):
    name, cpu, wall = line.split("\t")
    vigil_cpu[name] = float(cpu)
vigil = {}
for r in json.load(open(vigil_file)):
    error = r["primaryMetric"]["scoreError"]
    vigil[r["params"]["query"]] = (r["primaryMetric"]["score"], error if isinstance(error, float) else float("nan"))

def query_range(promql, start, end, step):
    body = urllib.parse.urlencode({"query": promql, "start": start, "end": end, "step": step, "stats": "all"}).encode()
    t0 = time.perf_counter()
    with urllib.request.urlopen("http://127.0.0.1:%s/api/v1/query_range" % port, body) as resp:
        payload = resp.read()
    wall = time.perf_counter() - t0
    answer = json.loads(payload)
    if answer["status"] != "success":
        raise SystemExit("Prometheus failed %s: %s" % (promql, answer))
    return 1000 * answer["data"]["stats"]["timings"]["execTotalTime"], 1000 * wall, len(answer["data"]["result"])

print()
print("%-26s %12s %12s %12s %12s %8s  %s" % ("query", "vigil ms", "prom ms", "prom med", "prom wall", "ratio", "series"))
ratios = []
cpu_rows = []
for line in open(queries_file):
    name, start, end, step, promql = line.rstrip("\n").split("\t")
    for _ in range(warmups):
        query_range(promql, start, end, step)
    execs, walls = [], []
    cpu0 = prom_cpu_ms()
    for _ in range(runs):
        e, w, n = query_range(promql, start, end, step)
        execs.append(e)
        walls.append(w)
    cpu_rows.append((name, vigil_cpu[name], (prom_cpu_ms() - cpu0) / runs))
    prom = statistics.mean(execs)
    v, err = vigil[name]
    ratio = v / prom
    ratios.append(ratio)
    print("%-26s %7.1f ±%4.0f %12.1f %12.1f %12.1f %8.2f  %d  %s" % (
        name, v, err if not math.isnan(err) else 0, prom, statistics.median(execs), statistics.mean(walls), ratio, n,
        promql))
geomean = math.exp(sum(math.log(r) for r in ratios) / len(ratios))
print()
print("geometric mean of Vigil/Prometheus: %.2f (goal <= 0.5); slowest relative to Prometheus: %.2f" % (
    geomean, max(ratios)))
print("vigil ms: JMH average time per query (± its 99.9%% error); prom ms / med: Prometheus's reported execTotalTime,"
      " mean / median of %d runs; prom wall: the HTTP request's wall time." % runs)

print()
print("%-26s %12s %12s %8s" % ("CPU time per query", "vigil ms", "prom ms", "ratio"))
cpu_ratios = []
for name, v, p in cpu_rows:
    cpu_ratios.append(v / p)
    print("%-26s %12.1f %12.1f %8.2f" % (name, v, p, v / p))
print()
print("geometric mean of Vigil/Prometheus CPU time: %.2f; slowest relative to Prometheus: %.2f" % (
    math.exp(sum(math.log(r) for r in cpu_ratios) / len(cpu_ratios)), max(cpu_ratios)))
print("CPU ms: process CPU time per query, mean of %d runs (Vigil: JVM incl. GC and JIT threads, after 10 warm-up"
      " runs; Prometheus: its process incl. HTTP and JSON, from /proc)." % runs)
PY
