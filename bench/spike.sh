#!/usr/bin/env bash
# Breaking-news spike test (issue 13): readers ramping up behind Varnish while an editor
# updates the breaking story every 10 s.
#
# Usage: bench/spike.sh [--articles N] [--steps "N N ..."] [--step-seconds S]
#                       [--setup postgres|sqlite|both] [--think-ms MS] [--keep-tmp]
#   --articles N      archive size (default 10,000)
#   --steps "N ..."   concurrent readers of each step of the ramp (default "100 500 1000 2500 5000")
#   --step-seconds S  seconds per step (default 12: five steps make the 60 s ramp)
#   --setup X         postgres: two instances on one PostgreSQL database; sqlite: the single
#                     binary on its SQLite file; both (default): postgres, then sqlite
#   --think-ms MS     each reader waits 0..2*MS ms (MS on average) between its requests
#                     (default 0: back to back, wrk's usual closed loop)
#   --keep-tmp        keep the working directory (logs, raw wrk output)
#   WARTA_BIN              the warta binary (default target/release/warta, else target/debug/warta)
#   SPIKE_POSTGRES_URL     a PostgreSQL server where this may create and drop a database
#                          (default postgres://postgres@127.0.0.1:5432, trust auth)
#
# Method:
# - One archive of N generated articles (bench/gen-articles.py) is loaded into SQLite and
#   indexed (`warta reindex`); 30 of its Nasional stories get the running topic
#   "Gempa Cianjur". For the postgres setup the site is moved into a fresh database with
#   `warta migrate-data` (dropped at exit) before anything runs, so both setups start from the
#   same content; each of its instances gets its own copy of the search index.
# - Each setup runs behind its own Varnish (docs/varnish.vcl, round robin; the sqlite setup's
#   two backends are the one instance) with `-s malloc,256m`, and every instance purges it
#   (WARTA_CDN_PURGE=varnish). Readers only ever talk to Varnish.
# - The breaking story is created and published through the JSON API (bench/spike-editor.py)
#   in that topic, made the front page's lead with the "Terkini" bar. The cached pages are
#   the home page, the story and its topic page.
# - Each step runs two wrk processes side by side for S seconds: 95 % of the step's
#   connections cycle through the three cached pages, 5 % search (`/cari?q=` with one or two
#   of the archive's 200 commonest headline words, drawn at random per request: mostly
#   distinct queries, so mostly Varnish misses). wrk is closed-loop: each connection sends
#   its next request when the last one is answered, so "readers" means connections, not an
#   arrival rate, and N connections at R req/s wait N/R s per request on average (Little's
#   law): with back-to-back requests the latency at 5,000 connections is set by how many
#   requests per second the machine can answer at all. --think-ms gives each reader a pause
#   between requests (wrk's `delay()`; not part of the latency). wrk's timeout is 10 s (a
#   slower answer is a timeout, not a latency).
# - Status codes are counted in wrk's Lua `response()`, per thread, and summed across threads
#   in `done()` through the thread objects kept by `setup()` (a per-thread global read with
#   `thread:get`); the sum is checked against wrk's own request count. A 503 carrying
#   Warta's `x-request-id` is Warta shedding load on purpose; a 503 without it is Varnish's
#   own ("backend fetch failed") and counts as an error, like every other non-2xx/3xx,
#   connect, read, write and timeout error. The deliberate 503s are cross-checked against the
#   instances' `warta_shed_requests_total`. A response with two ids in `X-Varnish` was a
#   cache hit.
# - The editor (bench/spike-editor.py) edits the story every 10 s through the API (the
#   instances in turn), each edit putting a unique marker in the body, and polls the page
#   through Varnish every 50 ms until the marker shows (10 s: a miss). Each update counts for
#   the step during which it was sent; one is sent before the ramp ("idle") and one or two in
#   the 10 s idle after it ("after").
# - Memory: each instance's RSS before the ramp, its peak (VmHWM, the whole process life)
#   and its RSS after 10 s idle at the end.
# - CPU per step (percent of one core): the Warta instances, Varnish, and the whole machine
#   (wrk and the editor are the rest); and how many threads of the Warta instances and of
#   this database's PostgreSQL backends were, on average, runnable but waiting for a CPU
#   (schedstat): on two shared cores that wait, not Warta's own work, can set the latency.
# Targets (issue 13): no errors but deliberate 503s; p99 of cached pages <= 50 ms.
set -euo pipefail
LOG_TAG=spike
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
# shellcheck source=bench/lib.sh
source "$here/lib.sh"

ARTICLES=10000 STEPS="100 500 1000 2500 5000" STEP_SECS=12 SETUP=both THINK_MS=0 KEEP=false
usage() {
    echo "usage: $0 [--articles N] [--steps \"N N ...\"] [--step-seconds S] [--setup postgres|sqlite|both] [--think-ms MS] [--keep-tmp]" >&2
    exit 2
}
while (($#)); do
    case $1 in
        --articles) need_int "$1" "${2:-}"; ARTICLES=$2; shift 2 ;;
        --steps)
            steps=${2:-}
            [[ -n "${steps//[[:space:]]/}" ]] || { echo "$LOG_TAG: --steps needs positive integers, got '$steps'" >&2; exit 2; }
            for n in $steps; do need_int "$1" "$n"; done
            STEPS=$2; shift 2 ;;
        --step-seconds) need_int "$1" "${2:-}"; STEP_SECS=$2; shift 2 ;;
        --setup)
            case ${2:-} in postgres | sqlite | both) SETUP=$2 ;; *) echo "$LOG_TAG: --setup needs postgres, sqlite or both, got '${2:-}'" >&2; exit 2 ;; esac
            shift 2 ;;
        --think-ms)
            [[ "${2:-}" =~ ^[0-9]+$ ]] || { echo "$LOG_TAG: --think-ms needs a whole number of milliseconds, got '${2:-}'" >&2; exit 2; }
            THINK_MS=$((10#$2)); shift 2 ;;
        --keep-tmp) KEEP=true; shift ;;
        *) usage ;;
    esac
done
case $SETUP in both) SETUPS=(postgres sqlite) ;; *) SETUPS=("$SETUP") ;; esac
read -r -a STEP_LIST <<<"$STEPS"

UPDATE_EVERY=10    # seconds between the editor's updates (the issue's figure)
VISIBLE_TIMEOUT=10 # an update not visible through Varnish after this many seconds is a miss
IDLE_AFTER=10      # seconds idle after the ramp before the final RSS
SEARCH_PERCENT=5   # share of each step's connections that search
WRK_TIMEOUT=10     # seconds
TOPIC="Gempa Cianjur"
PG_URL=${SPIKE_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432}

BIN=$(warta_bin "$root")
unset_warta_env # after reading WARTA_BIN: the servers get only the settings given here
KIND=$(basename "$(dirname "$BIN")")
VARNISHD=$(command -v varnishd || { [[ -x /usr/sbin/varnishd ]] && echo /usr/sbin/varnishd; } || true)
need=()
command -v wrk >/dev/null || need+=(wrk)
[[ -n "$VARNISHD" ]] || need+=(varnish)
[[ " ${SETUPS[*]} " != *" postgres "* ]] || command -v psql >/dev/null || need+=(postgresql-client)
apt_ensure "${need[@]}"
[[ -n "$VARNISHD" ]] || VARNISHD=$(command -v varnishd || echo /usr/sbin/varnishd)
raise_nofile
max_readers=0
for n in "${STEP_LIST[@]}"; do ((n > max_readers)) && max_readers=$n; done
(($(ulimit -n) > max_readers + 1000)) || log "warning: open files limited to $(ulimit -n), the $max_readers-reader step may fail to connect"

tmp=$(mktemp -d /tmp/warta-spike.XXXXXX)
chmod 755 "$tmp" # Varnish's worker process runs as its own user and reads its state directory
PIDS=()          # every background process started here, stopped at exit (newest first)
DB=""            # the PostgreSQL database made for this run, dropped at exit
cleanup() {
    local i
    for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do stop_pid "${PIDS[i]}"; done
    if [[ -n "$DB" ]]; then
        if psql "$PG_URL/postgres" -qtAc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1; then
            log "dropped database $DB"
        else
            log "warning: could not drop database $DB"
        fi
    fi
    remove_policy_rc
    if $KEEP; then log "kept $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
set -E # a failing command anywhere (functions too) names itself before the exit
trap 'log "error: line $LINENO: \"$BASH_COMMAND\" failed (status $?)"' ERR
started_at=$(date -u '+%F %H:%M UTC')
load_at_start=$(cut -d' ' -f1-3 /proc/loadavg)

# ---------------------------------------------------------------- the site ----------------
site=$tmp/site
load_archive "$BIN" "$site" "$ARTICLES" "$tmp"
# The running story: a topic over the 30 newest Nasional stories (its page lists them). Set
# after `warta reindex`: the servers apply these changes from the search change log at start.
python3 - "$site/warta.db" "$TOPIC" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
name = sys.argv[2]
db.execute("INSERT INTO topics (slug, name, description) VALUES (?, ?, ?)",
           (name.lower().replace(" ", "-"), name, "Perkembangan terkini gempa dan penanganan korban."))
tid = db.execute("SELECT id FROM topics WHERE name = ?", (name,)).fetchone()[0]
db.execute("UPDATE articles SET topic_id = ? WHERE id IN (SELECT a.id FROM articles a JOIN rubriks r"
           " ON r.id = a.rubrik_id WHERE r.slug = 'nasional' AND a.status = 'published'"
           " ORDER BY a.published_at DESC LIMIT 30)", (tid,))
db.commit()
PY
# The editor's token (the archive's user is an editor); `migrate-data` moves it too.
token=$("$BIN" token create --data "$site" --email bench@warta.test --name spike 2>"$tmp/token.log" | tail -1) \
    || die "could not create an API token: $(tail -n 3 "$tmp/token.log")"
# The search share's vocabulary: the commonest words of the headlines.
words=$(python3 - "$tmp/articles.jsonl" <<'PY'
import collections, json, re, sys
c = collections.Counter()
for line in open(sys.argv[1], encoding="utf-8"):
    c.update(w for w in re.findall(r"[a-z]+", json.loads(line)["headline"].lower()) if len(w) >= 4)
print(" ".join(w for w, _ in c.most_common(200)))
PY
)

if [[ " ${SETUPS[*]} " == *" postgres "* ]]; then
    DB=warta_spike_$$
    log "moving the site into PostgreSQL database $DB"
    psql "$PG_URL/postgres" -v ON_ERROR_STOP=1 -qtAc "CREATE DATABASE $DB" >/dev/null \
        || die "could not create a database on $PG_URL (set SPIKE_POSTGRES_URL)"
    "$BIN" migrate-data --from "sqlite:$site" --to "$PG_URL/$DB" >"$tmp/migrate.log" 2>&1 \
        || { tail -n 20 "$tmp/migrate.log" >&2; die "warta migrate-data failed"; }
    PG_VERSION=$(psql "$PG_URL/postgres" -qtAc 'SHOW server_version' | cut -d' ' -f1)
fi

# ---------------------------------------------------------------- wrk scripts -------------
# Both kinds count statuses the same way; only their requests differ.
lua_counting() {
    cat <<'LUA'
local threads = {}
function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end
function response(status, headers, body)
  n = n + 1
  if status < 400 then ok = ok + 1
  elseif status == 503 then
    if headers["x-request-id"] or headers["X-Request-Id"] then shed = shed + 1 else v503 = v503 + 1 end
  else other = other + 1 end
  local xv = headers["X-Varnish"] or headers["x-varnish"]
  if xv and string.find(xv, " ", 1, true) then hits = hits + 1 end
end
-- Runs in the main Lua state: sums each thread's counters (thread:get copies its global).
function done(summary, latency, requests)
  local keys = {"n", "ok", "shed", "v503", "other", "hits"}
  local t = {}
  for _, k in ipairs(keys) do t[k] = 0 end
  for _, th in ipairs(threads) do
    for _, k in ipairs(keys) do t[k] = t[k] + (th:get(k) or 0) end
  end
  local e = summary.errors
  io.write(string.format("SPIKE requests=%d counted=%d ok=%d shed=%d v503=%d other=%d hits=%d"
    .. " connect=%d read=%d write=%d timeout=%d secs=%.3f p50=%.3f p99=%.3f\n",
    summary.requests, t.n, t.ok, t.shed, t.v503, t.other, t.hits, e.connect, e.read, e.write,
    e.timeout, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
LUA
}
# Readers' requests ask for gzip as browsers do (Varnish stores the gzipped page once).
write_lua() { # kind article_path topic_path
    {
        if [[ $1 == cached ]]; then
            printf 'local paths = {"/", "%s", "%s"}\n' "$2" "$3"
            cat <<'LUA'
function init(args)
  n, ok, shed, v503, other, hits = 0, 0, 0, 0, 0, 0
  reqs, i = {}, id
  for k, p in ipairs(paths) do reqs[k] = wrk.format("GET", p, {["Accept-Encoding"] = "gzip"}) end
end
function request()
  i = i + 1
  return reqs[i % #reqs + 1]
end
LUA
        else
            printf 'local words = {'
            # shellcheck disable=SC2086 # one word each
            printf '"%s",' $words
            printf '}\n'
            cat <<'LUA'
function init(args)
  n, ok, shed, v503, other, hits = 0, 0, 0, 0, 0, 0
  math.randomseed(7919 * id) -- the same queries in every run
end
function request()
  local q = words[math.random(#words)]
  if math.random() < 0.5 then q = q .. "+" .. words[math.random(#words)] end
  return wrk.format("GET", "/cari?q=" .. q, {["Accept-Encoding"] = "gzip"})
end
LUA
        fi
        if ((THINK_MS > 0)); then # a reader's pause before each next request
            printf 'function delay()\n  return math.random(0, %d)\nend\n' $((2 * THINK_MS))
        fi
        lua_counting
    } >"$tmp/$1.lua"
}

# ---------------------------------------------------------------- one setup ---------------
INST_PIDS=() INST_PORTS=() VPORT="" VARNISH_PID="" VDIR=""

start_instances() { # setup: one (sqlite) or two (postgres) `warta serve`, purging Varnish
    local name=$1 count=1 k dir port
    local -a env=(WARTA_CDN_PURGE=varnish "WARTA_CDN_PURGE_URL=http://$HOST:$VPORT")
    INST_PIDS=() INST_PORTS=()
    if [[ $name == postgres ]]; then
        count=2
        env+=("WARTA_DATABASE_URL=$PG_URL/$DB")
    fi
    for ((k = 0; k < count; k++)); do
        dir=$site
        if [[ $name == postgres ]]; then # a data dir of its own: the local search index
            dir=$tmp/postgres-data-$k
            mkdir -p "$dir"
            cp -a "$site/search" "$dir/search"
        fi
        port=$(pick_port $((18620 + 10 * k)) "$VPORT" "${INST_PORTS[@]}")
        env "${env[@]}" "$BIN" serve --data "$dir" --listen "$HOST:$port" >"$tmp/$name-warta-$k.log" 2>&1 &
        PIDS+=($!) INST_PIDS+=($!) INST_PORTS+=("$port")
    done
    for ((k = 0; k < count; k++)); do
        wait_http_200 "http://$HOST:${INST_PORTS[k]}/readyz" "${INST_PIDS[k]}" \
            "warta $name $k (log $tmp/$name-warta-$k.log)" 1200
    done
}

start_varnish() { # setup: Varnish on VPORT, round robin over the instances
    local b=${INST_PORTS[1]:-${INST_PORTS[0]}}
    VDIR=$tmp/$1-varnish
    mkdir -p "$VDIR"
    sed -e "s/\"8080\"/\"${INST_PORTS[0]}\"/" -e "s/\"8081\"/\"$b\"/" "$root/docs/varnish.vcl" >"$VDIR/warta.vcl"
    "$VARNISHD" -F -a "$HOST:$VPORT" -f "$VDIR/warta.vcl" -s malloc,256m -n "$VDIR/state" >"$VDIR/log" 2>&1 &
    VARNISH_PID=$!
    PIDS+=("$VARNISH_PID")
    wait_http_200 "http://$HOST:$VPORT/healthz" "$VARNISH_PID" "varnish (log $VDIR/log)" 300
}

metric_sum() { # metric name: summed over the instances (and over its labels)
    local p total=0 v
    for p in "${INST_PORTS[@]}"; do
        v=$({ curl -s -m 10 "http://$HOST:$p/metrics" || true; } | awk -v m="$1" '$1 == m || index($1, m "{") == 1 {s += $2} END {printf "%d", s}')
        total=$((total + ${v:-0}))
    done
    echo "$total"
}

varnish_counters() { # the Varnish counters the report shows, "name value" lines
    varnishstat -n "$VDIR/state" -1 2>/dev/null | awk '$1 ~ /^MAIN\.(client_req|cache_hit|cache_miss|cache_hitmiss|cache_hitpass|busy_sleep|busy_wakeup|busy_killed|fetch_failed|bans_added|bans_obj_killed|sess_dropped|sess_fail|sess_queued|threads_limited|threads_created|n_lru_nuked)$/ {print substr($1, 6), $2}'
}

through_cached() { # path: fetched through Varnish until a hit; fails if it is never one
    local url="http://$HOST:$VPORT$1" got i
    for ((i = 0; i < 5; i++)); do
        got=$(curl -s -o /dev/null -m 10 -H 'Accept-Encoding: gzip' -w '%{http_code} %header{x-varnish}' "$url" || true)
        [[ "$got" == "200 "* ]] || die "$url answered '$got' through Varnish"
        [[ "${got#200 }" == *" "* ]] && return 0 # X-Varnish: <request id> <cached object's id>
    done
    die "$url is not cached by Varnish (X-Varnish: ${got#200 })"
}

# Time spent waiting for a CPU: /proc/PID/task/*/schedstat holds each thread's time on a CPU
# and time runnable but waiting in the run queue (ns). Summed over the processes given,
# "PID WAIT_NS" lines; the step's delta over the pids seen at both ends, divided by the
# step's length, is how many of their threads waited for a CPU on average.
sched_wait() {
    local p
    for p in "$@"; do # (a thread may end between the glob and the read: not an error)
        { cat /proc/"$p"/task/*/schedstat 2>/dev/null || true; } | awk -v p="$p" '{w += $2} END {if (NR) printf "%s %d\n", p, w}'
    done
    return 0
}
wait_delta() { # before-file after-file t0 t1: average threads waiting
    awk -v d="$(awk -v a="$3" -v b="$4" 'BEGIN {print b - a}')" 'NR == FNR {a[$1] = $2; next} ($1 in a) {w += $2 - a[$1]} END {printf "%.1f", w / 1e9 / d}' "$1" "$2"
}
pg_backends() { # the PostgreSQL server processes of this run's database
    [[ -n "$DB" && $1 == postgres ]] || return 0
    psql "$PG_URL/postgres" -qtAc "SELECT pid FROM pg_stat_activity WHERE datname = '$DB'" 2>/dev/null || true
}

WRK_PIDS=()
start_wrk() { # kind connections seconds output
    local threads=$(($2 < 2 ? $2 : 2))
    timeout -k 5 $(($3 + 60)) wrk -t"$threads" -c"$2" -d"$3s" --timeout "${WRK_TIMEOUT}s" -s "$tmp/$1.lua" \
        "http://$HOST:$VPORT" >"$4" 2>&1 &
    PIDS+=($!) WRK_PIDS+=($!)
}

run_setup() { # setup name
    local name=$1 out=$tmp/$1 k n p shed0 shed1 t0 t1 w0 w1 v0 v1 m0 m1 search_c cached_c line story wait_w wait_pg
    local -a urls=() pg=()
    mkdir -p "$out"
    VPORT=$(pick_port 18600)
    log "$name: starting Warta and Varnish"
    start_instances "$name"
    start_varnish "$name"
    for p in "${INST_PORTS[@]}"; do urls+=("http://$HOST:$p"); done

    story=$(python3 "$here/spike-editor.py" story --api "${urls[0]}" --token "$token" --topic "$TOPIC") \
        || die "could not create the breaking story"
    read -r STORY_ID ARTICLE_PATH TOPIC_PATH <<<"$story"
    log "$name: breaking story $ARTICLE_PATH (topic $TOPIC_PATH)"
    # Let the set-up's purges (each is sent twice, 1.5 s apart) go out before pages are cached.
    # (warta_jobs_waiting does not fall to 0: the "Terkini" bar's expiry is a job for later.)
    sleep 3
    for p in / "$ARTICLE_PATH" "$TOPIC_PATH"; do through_cached "$p"; done
    write_lua cached "$ARTICLE_PATH" "$TOPIC_PATH"
    write_lua search
    for k in "${!INST_PIDS[@]}"; do echo "$k ${INST_PIDS[k]} $(mem_kib "${INST_PIDS[k]}" VmRSS)"; done >"$out/mem-idle.txt"

    log "$name: editor starts (an update every ${UPDATE_EVERY}s)"
    python3 "$here/spike-editor.py" updates --api "$(IFS=,; echo "${urls[*]}")" --token "$token" --id "$STORY_ID" \
        --page "http://$HOST:$VPORT$ARTICLE_PATH" --out "$out/updates.txt" --every "$UPDATE_EVERY" \
        --timeout "$VISIBLE_TIMEOUT" 2>"$out/editor.log" &
    local editor=$!
    PIDS+=("$editor")
    # The first update is the idle baseline: the ramp starts once it is visible (or missed).
    for ((k = 0; k < 10 * (VISIBLE_TIMEOUT + 5); k++)); do
        [[ -s "$out/updates.txt" ]] && break
        kill -0 "$editor" 2>/dev/null || die "the editor stopped: $(tail -n 3 "$out/editor.log")"
        sleep 0.1
    done

    : >"$out/steps.txt"
    k=0
    for n in "${STEP_LIST[@]}"; do
        k=$((k + 1))
        # 5 % of the connections search (at least one once there are two), the rest read.
        search_c=$(((n * SEARCH_PERCENT + 50) / 100))
        ((search_c == 0 && n >= 2)) && search_c=1
        cached_c=$((n - search_c))
        log "$name: step $k, $n readers ($cached_c cached pages, $search_c search), ${STEP_SECS}s"
        shed0=$(metric_sum warta_shed_requests_total)
        mapfile -t pg < <(pg_backends "$name")
        sched_wait "${INST_PIDS[@]}" >"$out/wait-warta-0"
        sched_wait "${pg[@]}" >"$out/wait-pg-0"
        w0=$(pids_ticks "${INST_PIDS[@]}") v0=$(tree_ticks "$VARNISH_PID") m0=$(machine_busy_ticks)
        t0=$(date +%s.%N)
        WRK_PIDS=()
        ((cached_c > 0)) && start_wrk cached "$cached_c" "$STEP_SECS" "$out/wrk-$k-cached.out"
        ((search_c > 0)) && start_wrk search "$search_c" "$STEP_SECS" "$out/wrk-$k-search.out"
        for p in "${WRK_PIDS[@]}"; do wait "$p" || die "wrk failed in step $k: $(tail -n 3 "$out"/wrk-"$k"-*.out)"; done
        t1=$(date +%s.%N)
        w1=$(pids_ticks "${INST_PIDS[@]}") v1=$(tree_ticks "$VARNISH_PID") m1=$(machine_busy_ticks)
        sched_wait "${INST_PIDS[@]}" >"$out/wait-warta-1"
        sched_wait "${pg[@]}" >"$out/wait-pg-1"
        wait_w=$(wait_delta "$out/wait-warta-0" "$out/wait-warta-1" "$t0" "$t1")
        wait_pg=-
        ((${#pg[@]})) && wait_pg=$(wait_delta "$out/wait-pg-0" "$out/wait-pg-1" "$t0" "$t1")
        shed1=$(metric_sum warta_shed_requests_total)
        for p in cached search; do
            [[ -f "$out/wrk-$k-$p.out" ]] || continue
            line=$(grep '^SPIKE ' "$out/wrk-$k-$p.out") || die "no counts in $out/wrk-$k-$p.out: $(tail -n 5 "$out/wrk-$k-$p.out")"
            echo "$k $n $p $([[ $p == cached ]] && echo "$cached_c" || echo "$search_c") ${line#SPIKE }"
        done >>"$out/rows.txt"
        awk -v k="$k" -v n="$n" -v a="$t0" -v b="$t1" -v s=$((shed1 - shed0)) -v hz="$CLK_TCK" \
            -v w=$((w1 - w0)) -v v=$((v1 - v0)) -v m=$((m1 - m0)) -v ww="$wait_w" -v wp="$wait_pg" \
            'BEGIN {d = b - a; printf "%d %d %.3f %.3f %d %.0f %.0f %.0f %s %s\n", k, n, a, b, s, 100 * w / hz / d, 100 * v / hz / d, 100 * m / hz / d, ww, wp}' \
            >>"$out/steps.txt"
    done

    log "$name: ${IDLE_AFTER}s idle"
    sleep "$IDLE_AFTER"
    for k in "${!INST_PIDS[@]}"; do
        if kill -0 "${INST_PIDS[k]}" 2>/dev/null; then
            echo "$k ${INST_PIDS[k]} $(mem_kib "${INST_PIDS[k]}" VmHWM) $(mem_kib "${INST_PIDS[k]}" VmRSS)"
        else
            log "warning: warta $name $k exited during the run (log $tmp/$name-warta-$k.log)"
            echo "$k ${INST_PIDS[k]}"
        fi
    done >"$out/mem-end.txt"
    varnish_counters >"$out/varnish.txt"
    stop_pid "$editor"
    cp "$tmp/$name"-warta-*.log "$out/"
    stop_pid "$VARNISH_PID"
    for p in "${INST_PIDS[@]}"; do stop_pid "$p"; done
    case $name in
        postgres) echo "2 instances on PostgreSQL ${PG_VERSION:-?}, Varnish $("$VARNISHD" -V 2>&1 | awk 'NR == 1 {sub(/^varnishd \(varnish-/, ""); print $1}')" ;;
        sqlite) echo "1 instance on SQLite, Varnish $("$VARNISHD" -V 2>&1 | awk 'NR == 1 {sub(/^varnishd \(varnish-/, ""); print $1}')" ;;
    esac >"$out/setup.txt"
}

for s in "${SETUPS[@]}"; do run_setup "$s"; done

echo
echo "Spike test, $started_at, $ARTICLES articles, $(nproc) cores, binary $KIND ($BIN), commit $(commit_line "$root")"
echo "$(machine_line); load average at start $load_at_start"
echo "ramp: ${STEP_LIST[*]} readers, ${STEP_SECS}s each, $( ((THINK_MS)) && echo "a reader pausing ${THINK_MS} ms on average between requests" || echo "requests back to back"); ${SEARCH_PERCENT}% of them search; an update of the breaking story every ${UPDATE_EVERY}s"
python3 "$here/spike-report.py" "${SETUPS[@]/#/$tmp/}"
