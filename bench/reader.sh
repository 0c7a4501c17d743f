#!/usr/bin/env bash
# Reader benchmark: how close does Warta get to nginx serving the same article page?
#
# Builds the release binary, starts `warta serve --demo` on a temp data dir, saves the exact
# bytes of one article page (identity encoding, as wrk sends no Accept-Encoding) for nginx to
# serve as a static file, then loads both with the same wrk settings and prints a table:
# req/s, p99 latency, CPU used by each server and by wrk, the ratio Warta/nginx, and Warta's
# memory (VmRSS after the load, VmHWM peak).
#
# Usage: bench/reader.sh [--duration N] [--warmup N] [--rounds N] [--connections N]
#                        [--threads N] [--cache on|off] [--keep-tmp]
#   --duration N     seconds per measured wrk run (default 15)
#   --warmup N       seconds of wrk warm-up before each measured run (default 3, capped at N)
#   --rounds N       interleaved rounds nginx, Warta, nginx, Warta...; best of each (default 3)
#   --connections N  wrk -c (default 64);  --threads N  wrk -t (default 2)
#   --cache off      also run Warta with WARTA_PAGE_CACHE=false, as an extra row
#   --keep-tmp       keep the temp dir (logs, configs, wrk output) for inspection
#
# Method and fairness (read before quoting the numbers):
# - Everything runs on this machine over loopback: wrk, nginx and Warta share the same cores.
#   wrk's own CPU (shown in the table) is taken from the same budget, so neither server can
#   reach what it would do with the machine to itself; on 2 cores wrk alone often uses ~1 core.
# - CPU budget: Warta's tokio runtime starts one worker thread per core (nproc), so nginx runs
#   `worker_processes auto` (also nproc). Both may use every core; neither is pinned. (On the
#   2-core machine, `worker_processes 1` measured ~20% slower, and `listen ... reuseport` no
#   faster, so auto without reuseport is the stronger baseline.)
# - nginx is set up as it would be in production for a static file: sendfile, open_file_cache,
#   access_log off, and keepalive_requests raised so that it does not close keep-alive
#   connections every 1000 requests (hyper, under Warta, never does).
# - Both bodies are byte-identical (checked); the headers differ (Warta sends ETag,
#   Last-Modified, Cache-Control, Vary, CSP and other security headers; nginx its own few).
#   The header and body sizes are printed.
# - Rounds are interleaved and the best round of each server is reported (its req/s and the
#   p99 of that same run), which limits the effect of noise from neighbours on a shared host.
# - Memory: Warta is started once to import the demo (image processing; its peak is shown
#   apart), then restarted on the same data; the script waits for the job queue (the demo
#   photos' AVIF variants, encoded in child processes) to drain and prints the server's RSS
#   before and after that, so RSS before/after the load and the peak (VmHWM) are those of
#   serving.
# - The table shows, per run, the CPU of the server, of wrk and of everything else ("other":
#   other processes, IRQs, hypervisor steal). A large "other" means the run was disturbed.
# This is a measurement, not a test: it exits 0 whether or not the target ratio is met.
set -euo pipefail

DURATION=15
WARMUP=3
ROUNDS=3
CONNECTIONS=64
THREADS=2
CACHE_OFF_ROW=false
KEEP_TMP=false
TARGET_RATIO=0.5
GOAL_RATIO=1.0

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; }

LOG_TAG=reader
HOST=127.0.0.1
# shellcheck source=bench/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

while (($#)); do
    case "$1" in
        --duration) need_int "$1" "${2-}"; DURATION=$2; shift 2 ;;
        --warmup) need_int "$1" "${2-}"; WARMUP=$2; shift 2 ;;
        --rounds) need_int "$1" "${2-}"; ROUNDS=$2; shift 2 ;;
        --connections) need_int "$1" "${2-}"; CONNECTIONS=$2; shift 2 ;;
        --threads) need_int "$1" "${2-}"; THREADS=$2; shift 2 ;;
        --cache)
            case "${2-}" in
                off) CACHE_OFF_ROW=true ;;
                on) CACHE_OFF_ROW=false ;;
                *) echo "reader.sh: --cache takes on or off" >&2; exit 2 ;;
            esac
            shift 2 ;;
        --keep-tmp) KEEP_TMP=true; shift ;;
        -h | --help) usage; exit 0 ;;
        *) echo "reader.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
done
((WARMUP <= DURATION)) || WARMUP=$DURATION

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
[[ "$TARGET_DIR" == /* ]] || TARGET_DIR=$ROOT/$TARGET_DIR # cargo runs from $ROOT below

# ---------------------------------------------------------------- cleanup ----------------
TMP=""
WARTA_PID=""
NGINX_PID=""

# shellcheck disable=SC2317 # invoked by the traps below
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    stop_pid "$WARTA_PID"
    stop_pid "$NGINX_PID"
    remove_policy_rc
    if [[ -n "$TMP" && -d "$TMP" ]]; then
        if $KEEP_TMP; then log "kept $TMP"; else rm -rf "$TMP"; fi
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT
trap 'log "terminated"; exit 143' TERM

# ---------------------------------------------------------------- tools ------------------
install_tools() {
    local -a want=()
    [[ -n "$(find_nginx)" ]] || want+=("nginx-light|nginx")
    command -v wrk >/dev/null || want+=("wrk")
    command -v curl >/dev/null || want+=("curl")
    apt_ensure "${want[@]}"
}

install_tools
NGINX=$(find_nginx)
[[ -n "$NGINX" ]] || die "nginx not found after install"

# ---------------------------------------------------------------- helpers ----------------
# One wrk run, with the server's CPU: $4 = server pid, $5 = "tree" (with its children) or "proc".
bench_wrk() {
    if [[ -z "${4-}" ]]; then run_wrk "$1" "$2" "$3"
    elif [[ "$5" == tree ]]; then run_wrk "$1" "$2" "$3" tree_ticks "$4"
    else run_wrk "$1" "$2" "$3" proc_ticks "$4"; fi
}

# ---------------------------------------------------------------- build ------------------
WARTA_BIN=$(build_warta "$ROOT" "$TARGET_DIR")
unset_warta_env

TMP=$(mktemp -d /tmp/warta-reader-bench.XXXXXX)
chmod 755 "$TMP" # nginx workers run as an unprivileged user and must reach static/
mkdir -p "$TMP/data" "$TMP/static" "$TMP/nginx" "$TMP/wrk"

PORT=$(pick_port 18080)
PORT2=$(pick_port 18081 "$PORT")

# ---------------------------------------------------------------- warta ------------------
start_warta() { # $1: page cache true|false
    local i
    log "starting Warta on $HOST:$PORT (page cache $1)"
    WARTA_PAGE_CACHE=$1 "$WARTA_BIN" serve --demo --data "$TMP/data" --listen "$HOST:$PORT" \
        >>"$TMP/warta.log" 2>&1 &
    WARTA_PID=$!
    for ((i = 0; i < 1800; i++)); do # up to 180 s: the first start loads the demo
        [[ "$(http_status "http://$HOST:$PORT/healthz")" == 200 ]] && return 0
        kill -0 "$WARTA_PID" 2>/dev/null || die "Warta exited during startup: $(tail -n 20 "$TMP/warta.log")"
        sleep 0.1
    done
    die "Warta not healthy after 180 s: $(tail -n 20 "$TMP/warta.log")"
}

start_warta true
import_hwm=$(mem_kib "$WARTA_PID" VmHWM)
log "demo loaded (peak RSS $(mib "$import_hwm") MiB); restarting so that memory figures show serving only"
stop_pid "$WARTA_PID"
start_warta true # --demo is a no-op on a site that has content

# The demo photos' AVIF variants are made by background jobs (in child processes) after the
# start: wait for the queue to drain so they do not compete with the measured runs, and show
# the server's memory before and after them.
jobs_pending() { "$WARTA_BIN" jobs pending --data "$TMP/data" 2>>"$TMP/warta.log" || echo "?"; }
avif_rss_before=$(mem_kib "$WARTA_PID" VmRSS)
drain_started=$SECONDS
log "waiting for the job queue to drain ($(jobs_pending) jobs pending)"
for ((i = 0; ; i++)); do
    pending=$(jobs_pending)
    [[ "$pending" == 0 ]] && break
    ((i < 6000)) || die "job queue not drained after 600 s ($pending pending)"
    kill -0 "$WARTA_PID" 2>/dev/null || die "Warta exited while jobs ran: $(tail -n 20 "$TMP/warta.log")"
    sleep 0.1
done
drain_seconds=$((SECONDS - drain_started))
avif_rss_after=$(mem_kib "$WARTA_PID" VmRSS)
log "job queue drained in ${drain_seconds} s; RSS $(mib "$avif_rss_before") MiB before, $(mib "$avif_rss_after") MiB after"

ARTICLE_PATH=$(curl -s -m 10 "http://$HOST:$PORT/" | grep -o 'href="/berita/[^"]*"' | head -n 1 | sed 's/^href="//; s/"$//' || true)
[[ -n "$ARTICLE_PATH" ]] || die "no /berita/ link on the home page"
WARTA_URL="http://$HOST:$PORT$ARTICLE_PATH"
log "article: $ARTICLE_PATH"

for _ in 1 2 3 4 5; do
    [[ "$(http_status "$WARTA_URL")" == 200 ]] || die "article did not answer 200: $WARTA_URL"
done
# Exactly what wrk will receive: no Accept-Encoding, so identity.
curl -s -m 10 -D "$TMP/warta.headers" -o "$TMP/static/article.html" "$WARTA_URL"
chmod 644 "$TMP/static/article.html"
if grep -qi '^content-encoding:' "$TMP/warta.headers"; then
    die "Warta compressed a response to a request without Accept-Encoding"
fi

# ---------------------------------------------------------------- nginx ------------------
cat >"$TMP/nginx/nginx.conf" <<EOF
# Private config for bench/reader.sh. worker_processes auto = nproc, the same CPU budget as
# Warta's tokio runtime (one worker thread per core).
worker_processes auto;
daemon off;
pid $TMP/nginx/nginx.pid;
error_log $TMP/nginx/error.log warn;
events {
    worker_connections 1024;
}
http {
    access_log off;
    default_type text/html;
    types { }
    sendfile on;
    tcp_nopush on;
    keepalive_timeout 65;
    keepalive_requests 1000000;
    open_file_cache max=16 inactive=60s;
    open_file_cache_valid 60s;
$(nginx_temp_paths "$NGINX" "$TMP/nginx")
    server {
        listen $HOST:$PORT2;
        root $TMP/static;
        location / {
            try_files /article.html =404;
        }
    }
}
EOF

log "starting nginx on $HOST:$PORT2"
"$NGINX" -p "$TMP/nginx/" -e "$TMP/nginx/error.log" -c "$TMP/nginx/nginx.conf" >>"$TMP/nginx/stdout.log" 2>&1 &
NGINX_PID=$!
NGINX_URL="http://$HOST:$PORT2$ARTICLE_PATH"
for ((i = 0; i < 100; i++)); do
    [[ "$(http_status "$NGINX_URL")" == 200 ]] && break
    kill -0 "$NGINX_PID" 2>/dev/null || die "nginx exited: $(tail -n 20 "$TMP/nginx/error.log" 2>/dev/null)"
    sleep 0.1
done
[[ "$(http_status "$NGINX_URL")" == 200 ]] || die "nginx did not answer 200 on $NGINX_URL"
curl -s -m 10 -D "$TMP/nginx.headers" -o "$TMP/nginx.body" "$NGINX_URL"
cmp -s "$TMP/nginx.body" "$TMP/static/article.html" || die "nginx does not serve the same bytes as Warta"

BODY_BYTES=$(stat -c %s "$TMP/static/article.html")
WARTA_HDR_BYTES=$(stat -c %s "$TMP/warta.headers")
NGINX_HDR_BYTES=$(stat -c %s "$TMP/nginx.headers")

# ---------------------------------------------------------------- load -------------------
# Best round per server name (nginx, warta, nocache).
declare -A BEST_RPS=() BEST_P99=() BEST_SCPU=() BEST_WCPU=() BEST_OCPU=() BEST_ERR=()
ALL_RUNS=""
bench_server() { # name url pid kind round
    local name=$1 url=$2 pid=$3 kind=$4 round=$5
    log "round $round: $name warm-up ${WARMUP}s"
    bench_wrk "$url" "$WARMUP" "$TMP/wrk/$name-warmup-$round.txt"
    log "round $round: $name ${DURATION}s"
    bench_wrk "$url" "$DURATION" "$TMP/wrk/$name-$round.txt" "$pid" "$kind"
    log "round $round: $name $RUN_RPS req/s, p99 ${RUN_P99_MS} ms, CPU server ${RUN_SERVER_CPU}% wrk ${RUN_WRK_CPU}% other ${RUN_OTHER_CPU}%${RUN_ERRORS:+, $RUN_ERRORS}"
    ALL_RUNS+="$name:$RUN_RPS "
    if ((RUN_RPS > ${BEST_RPS[$name]:-0})); then
        BEST_RPS[$name]=$RUN_RPS
        BEST_P99[$name]=$RUN_P99_MS
        BEST_SCPU[$name]=$RUN_SERVER_CPU
        BEST_WCPU[$name]=$RUN_WRK_CPU
        BEST_OCPU[$name]=$RUN_OTHER_CPU
        BEST_ERR[$name]=$RUN_ERRORS
    fi
}

warta_rss_before=$(mem_kib "$WARTA_PID" VmRSS)
for ((r = 1; r <= ROUNDS; r++)); do
    bench_server nginx "$NGINX_URL" "$NGINX_PID" tree "$r"
    bench_server warta "$WARTA_URL" "$WARTA_PID" proc "$r"
done
warta_rss_after=$(mem_kib "$WARTA_PID" VmRSS)
warta_hwm=$(mem_kib "$WARTA_PID" VmHWM)

if $CACHE_OFF_ROW; then
    stop_pid "$WARTA_PID"
    WARTA_PID=""
    start_warta false # same data dir: the demo is already there
    for _ in 1 2 3 4 5; do http_status "$WARTA_URL" >/dev/null; done
    curl -s -m 10 -o "$TMP/nocache.body" "$WARTA_URL"
    cmp -s "$TMP/nocache.body" "$TMP/static/article.html" || log "note: the uncached page differs from the cached one"
    nocache_rss_before=$(mem_kib "$WARTA_PID" VmRSS)
    for ((r = 1; r <= ROUNDS; r++)); do
        bench_server nocache "$WARTA_URL" "$WARTA_PID" proc "$r"
    done
    nocache_rss_after=$(mem_kib "$WARTA_PID" VmRSS)
    nocache_hwm=$(mem_kib "$WARTA_PID" VmHWM)
fi

# ---------------------------------------------------------------- report -----------------
nginx_version=$("$NGINX" -v 2>&1 | sed 's/^nginx version: //')
wrk_version=$( (wrk -v 2>&1 || true) | awk 'NR == 1 {print $2}')
warta_version=$("$WARTA_BIN" --version 2>/dev/null || echo warta)
commit=$(commit_line "$ROOT")
ratio=$(awk -v w="${BEST_RPS[warta]}" -v n="${BEST_RPS[nginx]}" 'BEGIN {printf "%.2f", w / n}')
verdict() { awk -v r="$1" -v t="$2" 'BEGIN {print (r + 0 >= t + 0) ? "MET" : "NOT met"}'; }

row() { printf '%-22s %8s %8s   %6s %6s %6s\n' "$@"; }
cpu_row() { # label name
    row "$1" "${BEST_RPS[$2]}" "${BEST_P99[$2]}" "${BEST_SCPU[$2]}%" "${BEST_WCPU[$2]}%" "${BEST_OCPU[$2]}%"
}

echo
echo "Warta reader benchmark — $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine : $(machine_line)"
echo "build   : $warta_version (release), commit $commit"
echo "tools   : nginx $nginx_version (worker_processes auto = $(nproc)), wrk $wrk_version"
echo "load    : wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --latency, ${WARMUP}s warm-up before each run,"
echo "          $ROUNDS interleaved round(s) nginx/Warta, best round of each shown; loopback only"
echo "page    : $ARTICLE_PATH"
echo "          body $BODY_BYTES B identical on both (identity, no Accept-Encoding);"
echo "          headers: Warta $WARTA_HDR_BYTES B, nginx $NGINX_HDR_BYTES B"
echo
printf '%-22s %8s %8s   %s\n' "" "" "" "CPU during the run"
row "server" "req/s" "p99 ms" "server" "wrk" "other"
cpu_row "nginx (static file)" nginx
cpu_row "Warta (page cache on)" warta
if $CACHE_OFF_ROW; then cpu_row "Warta (page cache off)" nocache; fi
echo "(CPU in % of one core, $(nproc) cores = $(($(nproc) * 100))%. wrk runs on the same cores as the servers, so its"
echo " CPU comes out of their budget; other = the rest of the machine: other processes, IRQs, steal)"
echo "all runs (req/s)  : $ALL_RUNS"
echo
echo "ratio Warta/nginx : $ratio   target >= $TARGET_RATIO: $(verdict "$ratio" "$TARGET_RATIO")   goal $GOAL_RATIO: $(verdict "$ratio" "$GOAL_RATIO")"
echo "AVIF encoding     : demo photos' job queue drained in ${drain_seconds} s; server RSS $(mib "$avif_rss_before") MiB before, $(mib "$avif_rss_after") MiB after (target: within 20 MiB)"
echo "Warta memory      : RSS $(mib "$warta_rss_before") MiB before load, $(mib "$warta_rss_after") MiB after; peak (VmHWM) $(mib "$warta_hwm") MiB"
echo "                    (a restart after the demo import; the import itself peaked at $(mib "$import_hwm") MiB)"
if $CACHE_OFF_ROW; then
    nocache_ratio=$(awk -v w="${BEST_RPS[nocache]}" -v n="${BEST_RPS[nginx]}" 'BEGIN {printf "%.2f", w / n}')
    echo "cache off         : ratio $nocache_ratio; RSS $(mib "$nocache_rss_before") MiB before load, $(mib "$nocache_rss_after") MiB after, peak $(mib "$nocache_hwm") MiB"
fi
for name in nginx warta nocache; do
    if [[ -n "${BEST_ERR[$name]-}" ]]; then echo "warning ($name): ${BEST_ERR[$name]}"; fi
    if ((${BEST_OCPU[$name]:-0} > 25)); then
        echo "warning ($name): other work used ${BEST_OCPU[$name]}% of a core during the best run: noisy machine, rerun"
    fi
done
exit 0
