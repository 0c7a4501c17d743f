#!/usr/bin/env bash
# Overload benchmark: 1,000 connections of uncached article pages, and whether the memory
# comes back afterwards (issue 13, "Capacity and overload").
#
# Usage: bench/overload.sh [--articles N] [--connections N] [--duration S] [--keep-tmp]
#   --articles N     archive size (default 10,000)
#   --connections N  concurrent connections (default 1000)
#   --duration S     seconds of load (default 20)
#   WARTA_BIN        the warta binary (default target/release/warta, else target/debug/warta)
#
# Measures in one run, with the page cache off (every request renders):
# - the server's RSS idle (after a warm-up), at its peak during the load, and 15 s after it;
# - throughput, p50/p99 latency, the 503s the overload gates sent (from /metrics) and every
#   other error wrk saw;
# - as the baseline, the same load at 16 connections: the ratio shows what overload costs.
# Target: RSS back within 30 MiB of idle after the load; no errors but deliberate 503s.
set -euo pipefail
LOG_TAG=overload
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
# shellcheck source=bench/lib.sh
source "$here/lib.sh"

ARTICLES=10000 CONNS=1000 DURATION=20 KEEP=false
while (($#)); do
    case $1 in
        --articles) need_int "$1" "${2:-}"; ARTICLES=$2; shift 2 ;;
        --connections) need_int "$1" "${2:-}"; CONNS=$2; shift 2 ;;
        --duration) need_int "$1" "${2:-}"; DURATION=$2; shift 2 ;;
        --keep-tmp) KEEP=true; shift ;;
        *) echo "usage: $0 [--articles N] [--connections N] [--duration S] [--keep-tmp]" >&2; exit 2 ;;
    esac
done
BIN=$(warta_bin "$root")
command -v wrk >/dev/null || apt_ensure wrk
raise_nofile

tmp=$(mktemp -d /tmp/warta-overload-bench.XXXXXX)
pid=""
cleanup() {
    stop_pid "$pid"
    $KEEP && log "kept $tmp" || rm -rf "$tmp"
}
trap cleanup EXIT
data=$tmp/data

load_archive "$BIN" "$data" "$ARTICLES" "$tmp"

port=$(pick_port 18480)
WARTA_PAGE_CACHE=false "$BIN" serve --data "$data" --listen "$HOST:$port" >"$tmp/serve.log" 2>&1 &
pid=$!
for _ in $(seq 1 300); do [[ "$(http_status "http://$HOST:$port/readyz")" == 200 ]] && break; sleep 0.2; done
[[ "$(http_status "http://$HOST:$port/readyz")" == 200 ]] || { cat "$tmp/serve.log" >&2; die "server did not start"; }

rss() { awk '/^VmRSS/ {print $2}' "/proc/$pid/status"; }
hwm() { awk '/^VmHWM/ {print $2}' "/proc/$pid/status"; }
shed() { curl -s "http://$HOST:$port/metrics" | awk '/^warta_shed_requests_total/ {s += $2} END {print s + 0}'; }
mapfile -t paths < <(python3 - "$data/warta.db" <<'PY'
import random, sqlite3, sys
rows = [r[0] for r in sqlite3.connect(sys.argv[1]).execute("SELECT slug FROM articles WHERE status = 'published'")]
for s in random.Random(5).sample(rows, min(500, len(rows))):
    print(f"/berita/{s}")
PY
)
wrk_script() {
    {
        printf 'local paths = {'
        for p in "${paths[@]}"; do printf '"%s",' "$p"; done
        printf '}\n'
        cat <<'LUA'
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %.0f %.2f %.2f %d %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.requests,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
LUA
    } >"$tmp/paths.lua"
}
wrk_script
load() { # label connections seconds: "label req/s p50 p99 requests socket-errors non2xx"
    wrk -t2 -c"$2" -d"$3s" --timeout 10s -s "$tmp/paths.lua" "http://$HOST:$port" >"$tmp/wrk-$1.out" 2>&1
    local non2xx
    non2xx=$(awk '/Non-2xx/ {print $NF}' "$tmp/wrk-$1.out")
    echo "$1 $(grep RESULT "$tmp/wrk-$1.out" | cut -d' ' -f2-) ${non2xx:-0}"
}

log "warming up (16 connections, 5 s)"
load warmup 16 5 >/dev/null
sleep 3
idle=$(rss)
log "baseline: 16 connections, ${DURATION}s"
base=$(load base 16 "$DURATION")
sleep 3
shed0=$(shed)
before=$(rss)
log "overload: $CONNS connections, ${DURATION}s"
over=$(load over "$CONNS" "$DURATION")
peak=$(hwm)
shed1=$(shed)
log "waiting 15 s idle"
sleep 15
after=$(rss)

mib() { echo "scale=1; $1 / 1024" | bc -l; }
echo
echo "Overload benchmark, $(date -u +%F), $ARTICLES articles, page cache off, $(nproc) cores, binary $(basename "$(dirname "$BIN")")"
printf '%-9s %6s %9s %9s %9s %9s %9s %9s\n' run conns req/s p50_ms p99_ms requests sock_err non2xx
read -r _ brps bp50 bp99 breq berr bnon <<<"$base"
read -r _ orps op50 op99 oreq oerr onon <<<"$over"
printf '%-9s %6s %9s %9s %9s %9s %9s %9s\n' baseline 16 "$brps" "$bp50" "$bp99" "$breq" "$berr" "$bnon"
printf '%-9s %6s %9s %9s %9s %9s %9s %9s\n' overload "$CONNS" "$orps" "$op50" "$op99" "$oreq" "$oerr" "$onon"
ok_rate() { echo "scale=0; ($2 - $3) / $DURATION" | bc -l; } # label requests non2xx
printf 'pages served (2xx) per second: baseline %s, overload %s (ratio %s)\n' "$(ok_rate b "$breq" "$bnon")" \
    "$(ok_rate o "$oreq" "$onon")" "$(echo "scale=2; ($oreq - $onon) / ($breq - $bnon)" | bc -l)"
printf 'deliberate 503s (warta_shed_requests_total) during the overload: %s; other non-2xx: %s\n' \
    "$((shed1 - shed0))" "$((onon - (shed1 - shed0) > 0 ? onon - (shed1 - shed0) : 0))"
printf 'RSS: idle %s MiB, before the overload %s MiB, peak (VmHWM) %s MiB, 15 s after %s MiB: %s MiB above idle (target <= 30)\n' \
    "$(mib "$idle")" "$(mib "$before")" "$(mib "$peak")" "$(mib "$after")" "$(mib "$((after - idle))")"
