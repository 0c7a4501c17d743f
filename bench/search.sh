#!/usr/bin/env bash
# Search benchmark: Warta's tantivy index against SQLite FTS5 over the same generated archive.
#
# Usage: bench/search.sh [--articles N] [--clients N] [--duration S] [--keep-tmp]
#   --articles N   archive size (default 1,000,000; e.g. 20000 runs in a few minutes)
#   --clients N    concurrent clients (default 16)
#   --duration S   seconds per measured run (default 10)
#   WARTA_BIN      the warta binary (default target/release/warta, else target/debug/warta)
#
# Measures in one run:
# - index build: `warta reindex` over the loaded archive (articles/s) and the index size;
# - search latency p50/p95/p99 through HTTP (`/cari?q=`, wrk, N connections) for single
#   words, two-word queries and quoted phrases; and `GET /api/v1/articles/{id}/suggestions`;
# - the server's RSS (peak while serving, procmem.py);
# - the same queries against an SQLite FTS5 table over the same text (bm25 as Warta's old
#   search ranked; N threads in Python, no HTTP: a baseline that favours FTS5), and the ratio.
# Everything shares this machine's cores (wrk, the server, the Python threads).
set -euo pipefail
LOG_TAG=search
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
# shellcheck source=bench/lib.sh
source "$here/lib.sh"

ARTICLES=1000000 CLIENTS=16 DURATION=10 KEEP=false
while (($#)); do
    case $1 in
        --articles) need_int "$1" "${2:-}"; ARTICLES=$2; shift 2 ;;
        --clients) need_int "$1" "${2:-}"; CLIENTS=$2; shift 2 ;;
        --duration) need_int "$1" "${2:-}"; DURATION=$2; shift 2 ;;
        --keep-tmp) KEEP=true; shift ;;
        *) echo "usage: $0 [--articles N] [--clients N] [--duration S] [--keep-tmp]" >&2; exit 2 ;;
    esac
done
BIN=$(warta_bin "$root")
command -v wrk >/dev/null || apt_ensure wrk

tmp=$(mktemp -d /tmp/warta-search-bench.XXXXXX)
pid="" mem=""
cleanup() {
    stop_pid "$pid"
    [[ -n "$mem" ]] && kill "$mem" 2>/dev/null || true
    $KEEP && log "kept $tmp" || rm -rf "$tmp"
}
trap cleanup EXIT
data=$tmp/data
now() { date +%s.%N; }

log "generating $ARTICLES articles"
python3 "$here/gen-articles.py" --count "$ARTICLES" --seed 7 --out "$tmp/articles.jsonl"
"$BIN" jobs pending --data "$data" >/dev/null # creates and migrates the database
log "loading them into SQLite (and the FTS5 baseline)"
python3 "$here/search-load.py" --db "$data/warta.db" --articles "$tmp/articles.jsonl" --fts "$tmp/fts.db" >&2
sqlite3_size=$(du -sk "$tmp/fts.db" | cut -f1)

log "warta reindex"
t0=$(now)
"$BIN" reindex --data "$data" >"$tmp/reindex.out" 2>&1 || { cat "$tmp/reindex.out" >&2; die "reindex failed"; }
t1=$(now)
index_s=$(echo "$t1 - $t0" | bc -l)
index_kib=$(du -sk "$data/search" | cut -f1)

port=$(pick_port 18380)
"$BIN" serve --data "$data" --listen "$HOST:$port" >"$tmp/serve.log" 2>&1 &
pid=$!
for _ in $(seq 1 300); do [[ "$(http_status "http://$HOST:$port/readyz")" == 200 ]] && break; sleep 0.2; done
[[ "$(http_status "http://$HOST:$port/readyz")" == 200 ]] || { cat "$tmp/serve.log" >&2; die "server did not start"; }
token=$("$BIN" token create --data "$data" --email bench@warta.test --name bench | tail -1)
python3 "$here/procmem.py" server="$pid" >"$tmp/mem.out" &
mem=$!

SINGLE="pemerintah|harga|banjir|presiden|timnas|teknologi|kebijakan|pertumbuhan"
TWO="harga beras|timnas indonesia|bank indonesia|menteri keuangan|gempa bumi|festival film"
PHRASE='"harga beras"|"bank indonesia"|"timnas indonesia"|"wakil presiden"'

# wrk -s script cycling through paths; prints "p50 p95 p99 requests" in ms.
wrk_script() { # path...
    {
        printf 'local paths = {'
        for p in "$@"; do printf '"%s",' "$p"; done # URL-encoded: no quotes inside
        printf '}\n'
        cat <<'LUA'
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1], headers)
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %.2f %.2f %.2f %d %d\n", latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000, summary.requests,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout))
end
LUA
    } >"$tmp/paths.lua"
}
urlq() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$1"; }
run_wrk() { # label, header or "", path...
    local label=$1 header=$2
    shift 2
    wrk_script "$@"
    local args=(-t2 -c"$CLIENTS" -d"${DURATION}s" -s "$tmp/paths.lua")
    [[ -n "$header" ]] && args+=(-H "$header")
    wrk "${args[@]}" "http://$HOST:$port" >"$tmp/wrk-$label.out" 2>&1
    echo "$label $(grep RESULT "$tmp/wrk-$label.out" | cut -d' ' -f2-)"
}
paths_of() { local IFS='|' q; for q in $1; do echo "/cari?q=$(urlq "$q")"; done; }

log "warming up"
mapfile -t warm < <(paths_of "$SINGLE|$TWO|$PHRASE")
run_wrk warmup "" "${warm[@]}" >/dev/null
log "measuring Warta over HTTP ($CLIENTS clients, ${DURATION}s each)"
{
    mapfile -t p < <(paths_of "$SINGLE"); run_wrk single "" "${p[@]}"
    mapfile -t p < <(paths_of "$TWO"); run_wrk two "" "${p[@]}"
    mapfile -t p < <(paths_of "$PHRASE"); run_wrk phrase "" "${p[@]}"
    mapfile -t p < <(python3 -c "import random; r=random.Random(3); [print(f'/api/v1/articles/{r.randint(1, $ARTICLES)}/suggestions') for _ in range(200)]")
    run_wrk suggest "Authorization: Bearer $token" "${p[@]}"
} >"$tmp/warta.txt"
kill "$mem"; wait "$mem" 2>/dev/null || true; mem=""
rss_kib=$(awk '$1 == "server" {print $2}' "$tmp/mem.out")
stop_pid "$pid"; pid=""

log "measuring FTS5 ($CLIENTS threads, ${DURATION}s each)"
python3 "$here/fts5-query.py" --fts "$tmp/fts.db" --db "$data/warta.db" --clients "$CLIENTS" --duration "$DURATION" \
    "single=$SINGLE" "two=$TWO" "phrase=$PHRASE" >"$tmp/fts.txt"

echo
echo "Search benchmark, $(date -u +%F), $ARTICLES articles, $CLIENTS clients, $(nproc) cores, binary $(basename "$(dirname "$BIN")")"
printf 'index build: %.1f s, %.0f articles/s; index %.1f MiB (FTS5 database with its text: %.1f MiB)\n' \
    "$index_s" "$(echo "$ARTICLES / $index_s" | bc -l)" "$(echo "$index_kib / 1024" | bc -l)" "$(echo "$sqlite3_size / 1024" | bc -l)"
printf 'server peak RSS while serving: %.0f MiB\n' "$(echo "${rss_kib:-0} / 1024" | bc -l)"
printf '%-8s %9s %9s %9s %9s %7s | %9s %9s %9s | %s\n' query p50_ms p95_ms p99_ms requests errors fts_p50 fts_p95 fts_p99 "p95 FTS5/Warta"
while read -r label p50 p95 p99 reqs errs; do
    read -r _ f50 f95 f99 _ < <(grep "^$label " "$tmp/fts.txt" || echo "$label nan nan nan 0")
    ratio=$( [[ "$f95" != nan ]] && echo "scale=1; $f95 / $p95" | bc -l || echo -)
    printf '%-8s %9s %9s %9s %9s %7s | %9s %9s %9s | %s\n' "$label" "$p50" "$p95" "$p99" "$reqs" "$errs" "${f50:--}" "${f95:--}" "${f99:--}" "$ratio"
done <"$tmp/warta.txt"
