# Shell functions shared by the end-to-end benchmark scripts in this directory; source it.
# Tracks the processes a script starts in `pids`, so `stop_all` (and an EXIT trap calling it) stops exactly those.

pids=()

stop_all() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  pids=()
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

await_http() {
  for _ in $(seq 1 1200); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.1; done
  echo "no answer from $1" >&2; return 1
}

# Fails the benchmark, showing the end of its log, when a process it measures has exited.
require_running() {
  kill -0 "$1" 2>/dev/null && return 0
  echo "$2 (pid $1) exited during the benchmark; the end of its log:" >&2
  tail -20 "$3" >&2
  exit 1
}

rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
