# Shell helpers shared by the benchmark scripts (bench/reader.sh, bench/vs-wordpress.sh,
# bench/overload.sh, bench/spike.sh).
# Source it after `set -euo pipefail`; set LOG_TAG first (the name shown in log lines) and
# HOST (the loopback address servers listen on).
# shellcheck shell=bash disable=SC2034 # the RUN_* results are read by the sourcing script

LOG_TAG=${LOG_TAG:-bench}
HOST=${HOST:-127.0.0.1}

log() { printf '[%s %s] %s\n' "$LOG_TAG" "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

need_int() { [[ "$2" =~ ^[1-9][0-9]*$ ]] || { echo "$LOG_TAG: $1 needs a positive integer, got '$2'" >&2; exit 2; }; }

stop_pid() { # pid: TERM, wait up to 10 s, then KILL
    local pid=$1 i
    [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

# Open files for wrk and the servers: a thousand connections and more need far more than the
# usual 1,024 (as high as 65,536, else as high as the hard limit allows).
raise_nofile() { ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"; }

# load_archive BIN DATA N WORK: a migrated SQLite site in DATA with N generated articles
# (bench/gen-articles.py, seed 7), all published, loaded straight into the database
# (bench/search-load.py; its FTS5 baseline goes to WORK/fts.db), and the search index built
# by `warta reindex`. The articles' JSON lines stay in WORK/articles.jsonl.
load_archive() {
    local bin=$1 data=$2 n=$3 work=$4 here
    here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
    log "generating and loading $n articles"
    python3 "$here/gen-articles.py" --count "$n" --seed 7 --out "$work/articles.jsonl"
    "$bin" jobs pending --data "$data" >/dev/null # creates and migrates the database
    python3 "$here/search-load.py" --db "$data/warta.db" --articles "$work/articles.jsonl" --fts "$work/fts.db" >&2
    "$bin" reindex --data "$data" >"$work/reindex.log" 2>&1 || { cat "$work/reindex.log" >&2; die "warta reindex failed"; }
}

# The warta binary to measure: $WARTA_BIN, else the release build, else the debug build.
warta_bin() { # repository root
    local b
    for b in ${WARTA_BIN:-} "$1/target/release/warta" "$1/target/debug/warta"; do
        [[ -x "$b" ]] && { echo "$b"; return 0; }
    done
    die "no warta binary: cargo build --release (or set WARTA_BIN)"
}

# ---------------------------------------------------------------- packages ---------------
find_nginx() { command -v nginx || { [[ -x /usr/sbin/nginx ]] && echo /usr/sbin/nginx; } || true; }

POLICY_RC_CREATED=false
# Call from the EXIT trap: an install interrupted half-way must not leave services disabled.
remove_policy_rc() {
    if $POLICY_RC_CREATED; then rm -f /usr/sbin/policy-rc.d; POLICY_RC_CREATED=false; fi
}

apt_install() { # first package list that installs wins: apt_install "nginx-light|nginx"
    local alt
    local -a pkgs
    IFS='|' read -r -a pkgs <<<"$1"
    for alt in "${pkgs[@]}"; do
        # shellcheck disable=SC2086 # an alternative may name several packages
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $alt >&2 && return 0
    done
    return 1
}

# apt_ensure SPEC...: install each SPEC ("pkg" or "alt1|alt2", an alternative may be
# "pkg1 pkg2"), without letting the packages' maintainer scripts start their services.
apt_ensure() {
    (($#)) || return 0
    command -v apt-get >/dev/null || die "missing $* and no apt-get to install them"
    ((EUID == 0)) || die "missing $*: run as root to install them"
    if [[ ! -e /usr/sbin/policy-rc.d ]]; then
        printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
        chmod 755 /usr/sbin/policy-rc.d
        POLICY_RC_CREATED=true
    fi
    local spec updated=false
    for spec in "$@"; do
        log "installing ${spec//|/ or }"
        if ! apt_install "$spec"; then
            $updated || { log "apt-get update"; apt-get update -q >&2; updated=true; }
            apt_install "$spec" || die "could not install ${spec//|/ or }"
        fi
    done
    remove_policy_rc
}

# ---------------------------------------------------------------- ports, HTTP ------------
port_free() { ! (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }

pick_port() { # first free port from $1, skipping the others given
    local p skip
    for ((p = $1; p < $1 + 200; p++)); do
        for skip in "${@:2}"; do [[ "$p" == "$skip" ]] && continue 2; done
        if port_free "$p"; then echo "$p"; return 0; fi
    done
    die "no free port from $1"
}

http_status() { curl -s -o /dev/null -m "${HTTP_TIMEOUT:-5}" -w '%{http_code}' "$1" 2>/dev/null || true; }

wait_http_200() { # url pid what [tenths of a second, default 100]
    local url=$1 pid=$2 what=$3 n=${4:-100} i
    for ((i = 0; i < n; i++)); do
        [[ "$(http_status "$url")" == 200 ]] && return 0
        kill -0 "$pid" 2>/dev/null || die "$what exited during startup"
        sleep 0.1
    done
    die "$what did not answer 200 on $url"
}

# ---------------------------------------------------------------- /proc ------------------
CLK_TCK=$(getconf CLK_TCK)

proc_ticks() { # utime+stime of a process (all its threads), 0 if gone
    local stat
    local -a f
    { stat=$(<"/proc/$1/stat"); } 2>/dev/null || { echo 0; return; }
    read -r -a f <<<"${stat##*") "}" # fields from 3 (state) on; comm may contain spaces
    echo $((f[11] + f[12]))
}

children_of() { # direct children of each pid given, one per line
    local path stat p
    local -a f
    for path in /proc/[0-9]*/stat; do
        { stat=$(<"$path"); } 2>/dev/null || continue
        read -r -a f <<<"${stat##*") "}"
        for p in "$@"; do
            if [[ "${f[1]}" == "$p" ]]; then
                p=${path#/proc/}
                echo "${p%/stat}"
                break
            fi
        done
    done
}

tree_ticks() { # utime+stime of a process and its direct children (nginx master + workers)
    local total p
    total=$(proc_ticks "$1")
    for p in $(children_of "$1"); do total=$((total + $(proc_ticks "$p"))); done
    echo "$total"
}

pids_ticks() { # utime+stime summed over the pids given
    local total=0 p
    for p in "$@"; do total=$((total + $(proc_ticks "$p"))); done
    echo "$total"
}

machine_busy_ticks() { # all CPUs: everything but idle and iowait, steal included
    local -a c
    read -r -a c </proc/stat # cpu user nice system idle iowait irq softirq steal ...
    echo $((c[1] + c[2] + c[3] + c[6] + c[7] + c[8]))
}

mem_kib() { awk -v k="$2:" '$1 == k {print $2}' "/proc/$1/status"; }
mib() { awk -v k="$1" 'BEGIN {printf "%.1f", k / 1024}'; }

# ---------------------------------------------------------------- nginx ------------------
nginx_temp_paths() { # nginx binary, directory: *_temp_path lines for a private prefix
    local v m
    v=$("$1" -V 2>&1)
    printf '    client_body_temp_path %s;\n' "$2/client_body"
    for m in proxy fastcgi uwsgi scgi; do
        [[ "$v" == *"--without-http_${m}_module"* ]] || printf '    %s_temp_path %s;\n' "$m" "$2/$m"
    done
}

# ---------------------------------------------------------------- wrk --------------------
# wrk latency like 850.00us / 1.23ms / 1.02s -> milliseconds
to_ms() {
    awk -v v="$1" 'BEGIN {
        if (v == "") { printf "n/a"; exit }
        if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 }
        else if (v ~ /ms$/) { sub(/ms$/, "", v) }
        else if (v ~ /m$/) { sub(/m$/, "", v); v *= 60000 }
        else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 }
        printf "%.2f", v }'
}

# run_wrk URL SECS OUT [TICKS_COMMAND...]: one wrk run with WRK_THREADS threads (default
# THREADS), WRK_CONNECTIONS connections (default CONNECTIONS) and WRK_TIMEOUT (wrk's own
# default of 2 s when unset; a response slower than the timeout counts as a timeout and is
# left out of the latency figures). TICKS_COMMAND prints the server's utime+stime in clock
# ticks (e.g. `tree_ticks PID`), run before and after. Sets:
#   RUN_RPS          wrk's Requests/sec (every completed response)
#   RUN_OK_RPS       the same counting only 2xx/3xx responses
#   RUN_REQUESTS, RUN_NON2XX, RUN_SOCKET_ERRORS (connect+read+write+timeout), RUN_ERRORS (text)
#   RUN_P50_MS, RUN_P99_MS
#   RUN_SERVER_TICKS (delta); in percent of one core: RUN_SERVER_CPU, RUN_WRK_CPU and
#   RUN_OTHER_CPU (the rest of the machine's busy time: other processes, IRQs, steal)
RUN_RPS=0 RUN_OK_RPS=0 RUN_REQUESTS=0 RUN_NON2XX=0 RUN_SOCKET_ERRORS=0 RUN_ERRORS=""
RUN_P50_MS=0 RUN_P99_MS=0 RUN_SERVER_TICKS=0 RUN_SERVER_CPU=0 RUN_WRK_CPU=0 RUN_OTHER_CPU=0
run_wrk() {
    local url=$1 secs=$2 out=$3 before=0 after=0 t0 t1 times m0 m1
    shift 3
    local -a ticks=("$@") opts=()
    [[ -n "${WRK_TIMEOUT-}" ]] && opts=(--timeout "$WRK_TIMEOUT")
    if ((${#ticks[@]})); then before=$("${ticks[@]}"); fi
    m0=$(machine_busy_ticks)
    t0=$(date +%s.%N)
    local TIMEFORMAT='%3U %3S'
    { time timeout --foreground -k 5 $((secs + 60)) wrk -t"${WRK_THREADS:-$THREADS}" -c"${WRK_CONNECTIONS:-$CONNECTIONS}" \
        -d"${secs}s" "${opts[@]}" --latency "$url" >"$out" 2>&1; } 2>"$out.time" \
        || die "wrk failed against $url: $(tail -n 5 "$out")"
    t1=$(date +%s.%N)
    m1=$(machine_busy_ticks)
    if ((${#ticks[@]})); then after=$("${ticks[@]}"); fi
    times=$(<"$out.time")
    RUN_RPS=$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' "$out")
    [[ -n "$RUN_RPS" ]] || die "could not parse wrk output: $(cat "$out")"
    RUN_REQUESTS=$(awk '/ requests in / {print $1; exit}' "$out")
    RUN_NON2XX=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$out")
    RUN_NON2XX=${RUN_NON2XX:-0}
    RUN_SOCKET_ERRORS=$(awk '/Socket errors:/ {gsub(/,/, ""); print $4 + $6 + $8 + $10}' "$out")
    RUN_SOCKET_ERRORS=${RUN_SOCKET_ERRORS:-0}
    RUN_OK_RPS=$(awk -v r="$(awk '/^Requests\/sec:/ {print $2}' "$out")" -v n="$RUN_REQUESTS" -v e="$RUN_NON2XX" \
        'BEGIN {printf "%.1f", (n > 0 ? r * (n - e) / n : 0)}')
    RUN_P50_MS=$(to_ms "$(awk '$1 == "50%" {print $2}' "$out")")
    RUN_P99_MS=$(to_ms "$(awk '$1 == "99%" {print $2}' "$out")")
    RUN_ERRORS=$(grep -E '^ *(Socket errors|Non-2xx)' "$out" | sed 's/^ *//' | paste -sd ';' - || true)
    RUN_SERVER_TICKS=$((after - before))
    RUN_SERVER_CPU=$(awk -v d="$RUN_SERVER_TICKS" -v hz="$CLK_TCK" -v a="$t0" -v b="$t1" 'BEGIN {printf "%.0f", 100 * d / hz / (b - a)}')
    RUN_WRK_CPU=$(awk -v u="${times% *}" -v s="${times#* }" -v a="$t0" -v b="$t1" 'BEGIN {printf "%.0f", 100 * (u + s) / (b - a)}')
    RUN_OTHER_CPU=$(awk -v d=$((m1 - m0)) -v hz="$CLK_TCK" -v a="$t0" -v b="$t1" -v sv="$RUN_SERVER_CPU" -v w="$RUN_WRK_CPU" \
        'BEGIN {o = 100 * d / hz / (b - a) - sv - w; printf "%.0f", (o < 0 ? 0 : o)}')
}

# ---------------------------------------------------------------- report -----------------
machine_line() {
    local cpu_model
    cpu_model=$(awk -F': *' '/^model name/ {print $2; exit}' /proc/cpuinfo)
    echo "${cpu_model:-unknown CPU}, nproc $(nproc), $(awk '/^MemTotal:/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $(uname -sr)"
}

commit_line() { # repository root
    local commit
    commit=$(git -C "$1" rev-parse --short HEAD 2>/dev/null || echo unknown)
    if [[ "$commit" != unknown && -n "$(git -C "$1" status --porcelain --untracked-files=no 2>/dev/null)" ]]; then
        commit="$commit + uncommitted changes"
    fi
    echo "$commit"
}

# A caller's WARTA_* or RUST_LOG (a Postgres URL, debug logging, cache off) would skew a run.
unset_warta_env() {
    local v
    while IFS= read -r v; do
        case "$v" in WARTA_* | RUST_LOG) unset "$v" ;; esac
    done < <(compgen -e)
}

build_warta() { # repository root, target dir: builds and prints the binary's path
    log "building: cargo build --release -p warta (target dir $2)"
    (cd "$1" && cargo build --release -p warta) >&2
    [[ -x "$2/release/warta" ]] || die "no binary at $2/release/warta"
    echo "$2/release/warta"
}
