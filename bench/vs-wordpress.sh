#!/usr/bin/env bash
# Warta against WordPress on the same machine, the same 10,000 articles and the same pages.
#
# Installs what it needs from Debian (nginx, php-fpm, php-mysql, wordpress and its default
# theme, wrk; MariaDB if missing), builds Warta's release binary, generates the articles once
# (bench/gen-articles.py, deterministic), loads them into WordPress with wp_insert_post
# (bench/wp-bench.php) and into Warta through its JSON API (bench/warta-load.py), then loads
# home, one article, one rubrik and a search page with wrk at 16 and 256 connections against:
#   WordPress uncached   nginx -> PHP-FPM -> MariaDB, no page cache (opcache on, as shipped)
#   WordPress cached     the same PHP-FPM behind a second nginx server with fastcgi_cache
#                        (anonymous GET/HEAD, key scheme+method+host+URI with arguments,
#                        200s valid 10 min, cache lock): a full-page cache
#   Warta cache off      WARTA_PAGE_CACHE=false: every request rendered from SQLite
#   Warta warm           the page cache on (default), after a warm-up
#   nginx static         the exact bytes of Warta's pages as static files: the ceiling
# and prints, per page and connection count: successful req/s, p50/p99 latency, server CPU
# seconds per 1,000 successful requests, peak memory; then the ratios and the goals
# (article page: Warta warm >= 100x WordPress uncached and >= 1x WordPress cached).
#
# Usage: bench/vs-wordpress.sh [--articles N] [--duration N] [--warmup N] [--rounds N]
#          [--connections "16 256"] [--threads N] [--timeout S] [--fpm-children N]
#          [--markdown FILE] [--reuse] [--keep-tmp]
#   --articles N     articles generated and loaded into both systems (default 10000)
#   --duration N     seconds per measured wrk run (default 10)
#   --warmup N       seconds of wrk warm-up before each measured run (default 3, capped at N)
#   --rounds N       interleaved rounds over the five servers; the best round of each is
#                    shown, every round's req/s is listed (default 2)
#   --connections L  wrk -c values, space-separated (default "16 256"); --threads N: wrk -t (2)
#   --timeout S      wrk --timeout in seconds (default 30; wrk's own 2 s would count slow
#                    WordPress responses as timeouts and cut them out of the percentiles)
#   --fpm-children N PHP-FPM workers, pm = static (default 8)
#   --markdown FILE  also write the results as Markdown (for BENCHMARKS.md)
#   --reuse          keep the generated articles and the loaded WordPress database (and its
#                    config) in /tmp/warta-vs-wp-cache for the next --reuse run instead of
#                    dropping them; a later --reuse run with the same articles skips the
#                    WordPress install and load. Default: a clean run that removes everything.
#   --keep-tmp       keep the temp dir (logs, configs, wrk output) for inspection
#
# Method and fairness (read before quoting the numbers):
# - One machine, loopback only: wrk, nginx, PHP-FPM, MariaDB and Warta share the same cores.
#   wrk's own CPU comes out of the same budget (shown per run in the log and the raw table),
#   so no server reaches what it would do with the machine to itself; on 2 cores wrk alone
#   takes up to about one core against the fast servers.
# - Rounds are interleaved (for each page and connection count: WordPress uncached,
#   WordPress cached, Warta cache off, Warta warm, nginx static, then again), so a neighbour's
#   load hits all of them alike; the best round of each is reported with that run's p50/p99.
# - Before each warm-up and each measured run the script waits until the servers are idle:
#   after a run against the uncached WordPress, PHP-FPM still works off requests whose
#   clients wrk has already closed, and that work would land in the next run.
# - Throughput counts 2xx/3xx responses only; wrk's non-2xx responses, socket errors and
#   timeouts are listed per row. Latency percentiles are wrk's (with --timeout 30 s, so slow
#   responses are not dropped from them).
# - CPU: utime+stime of the server's whole process set from /proc, before and after the run,
#   divided by the successful requests. WordPress = its nginx (master and workers) + every
#   PHP-FPM process + mariadbd; Warta = the warta process; static = its nginx.
# - Memory: the process set's PSS and RSS summed, sampled every 150 ms during the measured
#   run (bench/procmem.py); the tables show the peak PSS (shared pages split among the
#   processes that map them: PHP-FPM workers share opcache and code), with RSS sums in the
#   Markdown. WordPress's figure includes MariaDB (buffer pool included, whatever else the
#   server holds), shown apart as "DB".
# - WordPress: Debian's package (6.1), its default theme (twentytwentythree, a block theme),
#   pretty permalinks /%category%/%postname%/, 20 posts per listing like Warta, WP-Cron off
#   (DISABLE_WP_CRON, as sites run it from cron), no persistent object cache, PHP 8.2 with
#   opcache as Debian configures it, PHP-FPM pm = static. English UI strings (wordpress-l10n
#   is not installed).
# - Warta: the release binary from this tree on SQLite, two instances on copies of the same
#   data dir (page cache on / off), started after the load. Warta's /cari (search) page may
#   not exist yet: any page that does not answer 200 on Warta is shown as n/a.
# - nginx static: worker_processes auto, sendfile, open_file_cache, access_log off, as in
#   bench/reader.sh; bodies identical to Warta's (identity encoding: wrk sends no
#   Accept-Encoding).
# This is a measurement, not a test: it exits 0 whether or not the goals are met.
set -euo pipefail

ARTICLES=10000
SEED=4
DURATION=10
WARMUP=3
ROUNDS=2
CONNECTION_LIST="16 256"
THREADS=2
TIMEOUT=30
FPM_CHILDREN=8
MARKDOWN=""
REUSE=false
KEEP_TMP=false
SEARCH_TERM=pemerintah
GOAL_UNCACHED=100
GOAL_CACHED=1

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; }

ORIG_ARGS=("$@")
LOG_TAG=vs-wp
HOST=127.0.0.1
BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=bench/lib.sh
. "$BENCH/lib.sh"

while (($#)); do
    case "$1" in
        --articles) need_int "$1" "${2-}"; ARTICLES=$2; shift 2 ;;
        --duration) need_int "$1" "${2-}"; DURATION=$2; shift 2 ;;
        --warmup) need_int "$1" "${2-}"; WARMUP=$2; shift 2 ;;
        --rounds) need_int "$1" "${2-}"; ROUNDS=$2; shift 2 ;;
        --connections)
            [[ "${2-}" =~ ^[1-9][0-9]*( [1-9][0-9]*)*$ ]] || { echo "vs-wp: --connections takes e.g. \"16 256\"" >&2; exit 2; }
            CONNECTION_LIST=$2; shift 2 ;;
        --threads) need_int "$1" "${2-}"; THREADS=$2; shift 2 ;;
        --timeout) need_int "$1" "${2-}"; TIMEOUT=$2; shift 2 ;;
        --fpm-children) need_int "$1" "${2-}"; FPM_CHILDREN=$2; shift 2 ;;
        --markdown) [[ -n "${2-}" ]] || { echo "vs-wp: --markdown needs a file" >&2; exit 2; }; MARKDOWN=$2; shift 2 ;;
        --reuse) REUSE=true; shift ;;
        --keep-tmp) KEEP_TMP=true; shift ;;
        -h | --help) usage; exit 0 ;;
        *) echo "vs-wp: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
done
((WARMUP <= DURATION)) || WARMUP=$DURATION
[[ -z "$MARKDOWN" || "$MARKDOWN" == /* ]] || MARKDOWN=$PWD/$MARKDOWN
WRK_TIMEOUT=${TIMEOUT}s

ROOT=$(cd "$BENCH/.." && pwd)
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
[[ "$TARGET_DIR" == /* ]] || TARGET_DIR=$ROOT/$TARGET_DIR
CACHE_DIR=/tmp/warta-vs-wp-cache
WP_DB=wpbench
WP_CONFIG_NAME=wpbench
WP_CONFIG=/etc/wordpress/config-$WP_CONFIG_NAME.php
WP_ROOT=/usr/share/wordpress
STARTED=$(date +%s)

# ---------------------------------------------------------------- cleanup ----------------
TMP=""
WARTA_PID=""
NOCACHE_PID=""
WP_NGINX_PID=""
STATIC_NGINX_PID=""
FPM_PID=""
SAMPLER_PID=""
WP_DB_CREATED=false
MARIADB_STARTED=false

mysql_root() { mysql --protocol=socket -uroot "$@"; }

# shellcheck disable=SC2317 # invoked by the traps below
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    stop_pid "$SAMPLER_PID"
    stop_pid "$WARTA_PID"
    stop_pid "$NOCACHE_PID"
    stop_pid "$WP_NGINX_PID"
    stop_pid "$STATIC_NGINX_PID"
    stop_pid "$FPM_PID"
    remove_policy_rc
    if $WP_DB_CREATED && ! $REUSE; then
        mysql_root -e "DROP DATABASE IF EXISTS $WP_DB; DROP USER IF EXISTS '$WP_DB'@'localhost';" 2>/dev/null \
            || log "could not drop the database $WP_DB"
        rm -f "$WP_CONFIG"
    fi
    if $MARIADB_STARTED; then # leave the machine as it was
        mysqladmin --protocol=socket -uroot shutdown 2>/dev/null || log "could not stop MariaDB"
    fi
    if [[ -n "$TMP" && -d "$TMP" ]]; then
        if $KEEP_TMP; then log "kept $TMP"; else rm -rf "$TMP"; fi
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT
trap 'log "terminated"; exit 143' TERM

# ---------------------------------------------------------------- tools ------------------
find_fpm() { command -v php-fpm8.2 || compgen -G '/usr/sbin/php-fpm*' | sort -V | tail -n 1 || true; }

install_tools() {
    local -a want=()
    [[ -n "$(find_nginx)" ]] || want+=("nginx")
    command -v wrk >/dev/null || want+=("wrk")
    command -v curl >/dev/null || want+=("curl")
    command -v python3 >/dev/null || want+=("python3")
    command -v mysql >/dev/null || want+=("mariadb-client")
    [[ -x /usr/sbin/mariadbd ]] || want+=("mariadb-server")
    # `php` with php-fpm named, or apt satisfies wordpress's "php" with Apache's module.
    [[ -n "$(find_fpm)" ]] || want+=("php-fpm php")
    php -r 'exit(extension_loaded("mysqli") ? 0 : 1);' 2>/dev/null || want+=("php-mysql")
    [[ -f $WP_ROOT/wp-settings.php ]] || want+=("wordpress")
    compgen -G "$WP_ROOT/wp-content/themes/twenty*" >/dev/null || want+=("wordpress-theme-twentytwentythree")
    apt_ensure "${want[@]}"
}

install_tools
NGINX=$(find_nginx)
FPM=$(find_fpm)
[[ -n "$NGINX" && -n "$FPM" ]] || die "nginx or php-fpm not found after install"

if ! mysql_root -e 'SELECT 1' >/dev/null 2>&1; then
    log "starting MariaDB"
    start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
    MARIADB_STARTED=true
    for ((i = 0; i < 300; i++)); do
        mysql_root -e 'SELECT 1' >/dev/null 2>&1 && break
        sleep 0.1
    done
    mysql_root -e 'SELECT 1' >/dev/null 2>&1 || die "MariaDB does not answer on its socket"
fi

RUSTC_AT_START=$(pgrep -c rustc || true)
WARTA_BIN=$(build_warta "$ROOT" "$TARGET_DIR")
unset_warta_env

TMP=$(mktemp -d /tmp/warta-vs-wp.XXXXXX)
chmod 755 "$TMP" # nginx and PHP-FPM workers run unprivileged and must reach their files
mkdir -p "$TMP/wrk" "$TMP/static" "$TMP/nginx-wp" "$TMP/nginx-static" "$TMP/fpm"

PORT_WP=$(pick_port 18080)
PORT_WPC=$(pick_port 18081 "$PORT_WP")
PORT_WARTA=$(pick_port 18090 "$PORT_WP" "$PORT_WPC")
PORT_NOCACHE=$(pick_port 18091 "$PORT_WP" "$PORT_WPC" "$PORT_WARTA")
PORT_STATIC=$(pick_port 18092 "$PORT_WP" "$PORT_WPC" "$PORT_WARTA" "$PORT_NOCACHE")

# ---------------------------------------------------------------- articles ---------------
END_DATE=$(TZ=Asia/Jakarta date +%F)
ARTICLES_FILE=$TMP/articles.jsonl
if $REUSE; then
    mkdir -p "$CACHE_DIR"
    cached=$CACHE_DIR/articles-$ARTICLES-$SEED-$END_DATE.jsonl
    [[ -s "$cached" ]] || python3 "$BENCH/gen-articles.py" --count "$ARTICLES" --seed "$SEED" --end "$END_DATE" --out "$cached"
    cp "$cached" "$ARTICLES_FILE"
else
    log "generating $ARTICLES articles"
    python3 "$BENCH/gen-articles.py" --count "$ARTICLES" --seed "$SEED" --end "$END_DATE" --out "$ARTICLES_FILE"
fi
ARTICLES_SHA=$(sha256sum "$ARTICLES_FILE" | cut -c1-16)
PICK=$((ARTICLES / 2)) # the article page: one from the middle of the archive
# Facts the page checks look for: the picked article, its rubrik, the newest article overall
# and in that rubrik.
IFS=$'\t' read -r PICK_HEADLINE PICK_RUBRIK NEWEST_HEADLINE NEWEST_IN_RUBRIK < <(python3 - "$ARTICLES_FILE" "$PICK" <<'EOF'
import json, sys
arts = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
pick = arts[int(sys.argv[2])]
key = lambda a: a["published_at"]
newest = max(arts, key=key)
in_rubrik = max((a for a in arts if a["rubrik"] == pick["rubrik"]), key=key)
print(pick["headline"], pick["rubrik"], newest["headline"], in_rubrik["headline"], sep="\t")
EOF
)
RUBRIK_SLUG=$(tr '[:upper:]' '[:lower:]' <<<"$PICK_RUBRIK")
log "article #$PICK: $PICK_HEADLINE ($PICK_RUBRIK)"

# ---------------------------------------------------------------- WordPress --------------
wp_php() { # runs bench/wp-bench.php as the web server's user, as PHP-FPM will
    (cd "$TMP" && runuser -u www-data -- env WORDPRESS_CONFIG="$WP_CONFIG_NAME" php "$BENCH/wp-bench.php" "$@")
}

mkdir -p "$TMP/wp"
chown www-data: "$TMP/wp" # wp-bench.php runs as www-data and writes its map here
WP_MAP=$TMP/wp/map.tsv
WP_MARKER=$CACHE_DIR/wp-loaded
wp_reusable() {
    $REUSE && [[ -f "$WP_CONFIG" && -f "$WP_MARKER" && "$(<"$WP_MARKER")" == "$ARTICLES_SHA" && -s "$CACHE_DIR/wp-map.tsv" ]] \
        && mysql_root -e "USE $WP_DB" 2>/dev/null
}

if wp_reusable; then
    log "--reuse: WordPress already holds these $ARTICLES articles (database $WP_DB)"
    cp "$CACHE_DIR/wp-map.tsv" "$WP_MAP"
    WP_DB_CREATED=true
else
    log "WordPress: database $WP_DB, config $WP_CONFIG"
    rm -f "$WP_MARKER"
    WP_DB_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
    WP_DB_CREATED=true
    mysql_root <<EOF
DROP DATABASE IF EXISTS $WP_DB;
CREATE DATABASE $WP_DB CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS '$WP_DB'@'localhost' IDENTIFIED BY '$WP_DB_PASSWORD';
ALTER USER '$WP_DB'@'localhost' IDENTIFIED BY '$WP_DB_PASSWORD';
GRANT ALL PRIVILEGES ON $WP_DB.* TO '$WP_DB'@'localhost';
EOF
    salts=$(for k in AUTH_KEY SECURE_AUTH_KEY LOGGED_IN_KEY NONCE_KEY AUTH_SALT SECURE_AUTH_SALT LOGGED_IN_SALT NONCE_SALT; do
        printf "define('%s', '%s');\n" "$k" "$(head -c 48 /dev/urandom | base64 | tr -d '/+=')"
    done)
    cat >"$WP_CONFIG" <<EOF
<?php
// Written by bench/vs-wordpress.sh for its benchmark site; removed when it finishes.
define('DB_NAME', '$WP_DB');
define('DB_USER', '$WP_DB');
define('DB_PASSWORD', '$WP_DB_PASSWORD');
define('DB_HOST', 'localhost'); // the local socket
define('DB_CHARSET', 'utf8mb4');
// The uncached and the cached server answer on different ports: links follow the request.
define('WP_HOME', 'http://' . (\$_SERVER['HTTP_HOST'] ?? '$HOST:$PORT_WP'));
define('WP_SITEURL', WP_HOME);
define('DISABLE_WP_CRON', true);
define('WP_DEBUG', false);
$salts
EOF
    chmod 640 "$WP_CONFIG"
    chgrp www-data "$WP_CONFIG"
    log "WordPress: wp_install()"
    wp_php install "$HOST:$PORT_WP"
    log "WordPress: loading $ARTICLES articles with wp_insert_post"
    t0=$(date +%s)
    wp_php load "$HOST:$PORT_WP" "$ARTICLES_FILE" "$WP_MAP" >&2
    WP_LOAD_SECS=$(($(date +%s) - t0))
    [[ $(wc -l <"$WP_MAP") -eq $ARTICLES ]] || die "WordPress load incomplete: $(wc -l <"$WP_MAP") of $ARTICLES"
    if $REUSE; then
        cp "$WP_MAP" "$CACHE_DIR/wp-map.tsv"
        echo "$ARTICLES_SHA" >"$WP_MARKER"
    fi
fi

cat >"$TMP/fpm/php-fpm.conf" <<EOF
; Private PHP-FPM master for bench/vs-wordpress.sh (php.ini and conf.d are Debian's).
[global]
pid = $TMP/fpm/php-fpm.pid
error_log = $TMP/fpm/error.log
daemonize = no

[wpbench]
user = www-data
group = www-data
listen = $TMP/fpm/php-fpm.sock
listen.mode = 0666
listen.backlog = 4096
pm = static
pm.max_children = $FPM_CHILDREN
pm.max_requests = 0
catch_workers_output = yes
EOF
log "starting PHP-FPM ($FPM_CHILDREN workers)"
"$FPM" --nodaemonize --fpm-config "$TMP/fpm/php-fpm.conf" >>"$TMP/fpm/stdout.log" 2>&1 &
FPM_PID=$!

wp_php_location() { # the PHP location block of one WordPress server
    cat <<EOF
        location ~ \.php\$ {
            try_files \$uri =404;
            include /etc/nginx/fastcgi_params;
            fastcgi_param SCRIPT_FILENAME \$document_root\$fastcgi_script_name;
            fastcgi_param WORDPRESS_CONFIG $WP_CONFIG_NAME;
            # Debian's fastcgi_params pass nginx's \$host (no port); the last value wins in PHP.
            fastcgi_param HTTP_HOST \$http_host;
            fastcgi_pass unix:$TMP/fpm/php-fpm.sock;
            fastcgi_read_timeout 120s;
$1
        }
EOF
}

cat >"$TMP/nginx-wp/nginx.conf" <<EOF
# Private config for bench/vs-wordpress.sh: WordPress uncached on $PORT_WP, with nginx's
# fastcgi_cache (a full-page cache for anonymous visitors) on $PORT_WPC.
worker_processes auto;
daemon off;
pid $TMP/nginx-wp/nginx.pid;
error_log $TMP/nginx-wp/error.log warn;
events {
    worker_connections 4096;
}
http {
    access_log off;
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    # Not sendfile + tcp_nopush: cached WordPress pages are chunked and over 64 KB, and with
    # those two every such response stalled 40 ms (Nagle + delayed ACK): 24 req/s on one
    # connection instead of ~12,000. Read from the cache file into buffers instead.
    sendfile off;
    keepalive_timeout 65;
    keepalive_requests 1000000;
$(nginx_temp_paths "$NGINX" "$TMP/nginx-wp")
    fastcgi_cache_path $TMP/nginx-wp/cache levels=1:2 keys_zone=wp:32m max_size=1g inactive=60m use_temp_path=off;

    server {
        listen $HOST:$PORT_WP;
        root $WP_ROOT;
        index index.php;
        location /wp-content/ { alias /var/lib/wordpress/wp-content/; }
        location / { try_files \$uri \$uri/ /index.php?\$args; }
$(wp_php_location "")
    }

    server {
        listen $HOST:$PORT_WPC;
        root $WP_ROOT;
        index index.php;
        set \$skip_cache 0;
        if (\$request_method !~ ^(GET|HEAD)\$) { set \$skip_cache 1; }
        if (\$http_cookie ~* "comment_author|wordpress_[a-f0-9]+|wp-postpass|wordpress_logged_in") { set \$skip_cache 1; }
        if (\$request_uri ~* "/wp-admin/|/wp-login.php|/xmlrpc.php|/wp-json/|sitemap") { set \$skip_cache 1; }
        location /wp-content/ { alias /var/lib/wordpress/wp-content/; }
        location / { try_files \$uri \$uri/ /index.php?\$args; }
$(wp_php_location "            fastcgi_cache wp;
            fastcgi_cache_key \"\$scheme\$request_method\$host\$request_uri\";
            fastcgi_cache_valid 200 10m;
            fastcgi_cache_bypass \$skip_cache;
            fastcgi_no_cache \$skip_cache;
            fastcgi_cache_lock on;
            fastcgi_cache_use_stale error timeout updating http_500 http_503;
            add_header X-Cache \$upstream_cache_status;")
    }
}
EOF
log "starting nginx for WordPress on $HOST:$PORT_WP (uncached) and $HOST:$PORT_WPC (fastcgi_cache)"
"$NGINX" -p "$TMP/nginx-wp/" -e "$TMP/nginx-wp/error.log" -c "$TMP/nginx-wp/nginx.conf" >>"$TMP/nginx-wp/stdout.log" 2>&1 &
WP_NGINX_PID=$!
HTTP_TIMEOUT=60 wait_http_200 "http://$HOST:$PORT_WP/" "$WP_NGINX_PID" "WordPress (nginx + PHP-FPM)" 300
kill -0 "$FPM_PID" 2>/dev/null || die "PHP-FPM exited: $(tail -n 20 "$TMP/fpm/error.log")"

# ---------------------------------------------------------------- Warta ------------------
start_warta() { # data dir, port, page cache true|false: sets STARTED_PID
    log "starting Warta on $HOST:$2 (page cache $3)"
    WARTA_PAGE_CACHE=$3 "$WARTA_BIN" serve --data "$1" --listen "$HOST:$2" >>"$TMP/warta-$2.log" 2>&1 &
    STARTED_PID=$!
    wait_http_200 "http://$HOST:$2/healthz" "$STARTED_PID" "Warta on $2 (log $TMP/warta-$2.log)" 600
}

WARTA_MAP=$TMP/warta-map.tsv
start_warta "$TMP/warta-a" "$PORT_WARTA" true
WARTA_PID=$STARTED_PID
WARTA_EMAIL=redaksi@example.invalid
WARTA_PASSWORD=$(head -c 18 /dev/urandom | base64) "$WARTA_BIN" user add --data "$TMP/warta-a" \
    --email "$WARTA_EMAIL" --name "Redaksi Warta" --role admin >&2
TOKEN=$("$WARTA_BIN" token create --data "$TMP/warta-a" --email "$WARTA_EMAIL" | tail -n 1)
log "Warta: loading $ARTICLES articles through the API"
t0=$(date +%s)
python3 "$BENCH/warta-load.py" --base "http://$HOST:$PORT_WARTA" --token "$TOKEN" \
    --articles "$ARTICLES_FILE" --map "$WARTA_MAP" --workers 4
WARTA_LOAD_SECS=$(($(date +%s) - t0))
unset TOKEN
# Two instances on copies of the loaded data: page cache on and off.
stop_pid "$WARTA_PID"
WARTA_PID=""
cp -a "$TMP/warta-a" "$TMP/warta-b"
start_warta "$TMP/warta-a" "$PORT_WARTA" true
WARTA_PID=$STARTED_PID
start_warta "$TMP/warta-b" "$PORT_NOCACHE" false
NOCACHE_PID=$STARTED_PID

# ---------------------------------------------------------------- pages ------------------
PAGES=(home article rubrik search)
declare -A PATH_WP=() PATH_WARTA=() EXPECT=()
map_path() { # map file, index: the path of that article's URL
    awk -F'\t' -v i="$2" '$1 == i {print $2}' "$1" | sed -E 's#^https?://[^/]+##'
}
PATH_WP[home]=/
PATH_WARTA[home]=/
EXPECT[home]=$NEWEST_HEADLINE
PATH_WP[article]=$(map_path "$WP_MAP" "$PICK")
PATH_WARTA[article]=$(map_path "$WARTA_MAP" "$PICK")
EXPECT[article]=$PICK_HEADLINE
PATH_WP[rubrik]=/category/$RUBRIK_SLUG/
PATH_WARTA[rubrik]=/rubrik/$RUBRIK_SLUG
EXPECT[rubrik]=$NEWEST_IN_RUBRIK
PATH_WP[search]="/?s=$SEARCH_TERM"
PATH_WARTA[search]="/cari?q=$SEARCH_TERM"
EXPECT[search]=$SEARCH_TERM
[[ -n "${PATH_WP[article]}" && -n "${PATH_WARTA[article]}" ]] || die "no URL for article #$PICK"

SYSTEMS=(wp wpc nocache warta static)
declare -A LABEL=([wp]="WordPress uncached" [wpc]="WordPress fastcgi_cache" [nocache]="Warta cache off"
    [warta]="Warta warm" [static]="nginx static (Warta's bytes)")
declare -A BASE=([wp]="http://$HOST:$PORT_WP" [wpc]="http://$HOST:$PORT_WPC" [nocache]="http://$HOST:$PORT_NOCACHE"
    [warta]="http://$HOST:$PORT_WARTA" [static]="http://$HOST:$PORT_STATIC")
declare -A AVAILABLE=() URL=() BODY_BYTES=()

check_page() { # system page: 200 and the expected text in the body; sets AVAILABLE
    local sys=$1 page=$2 path code
    if [[ $sys == wp* ]]; then path=${PATH_WP[$page]}; else path=${PATH_WARTA[$page]}; fi
    URL[$sys|$page]=${BASE[$sys]}$path
    code=$(curl -s -m 60 -o "$TMP/check-$sys-$page.html" -D "$TMP/check-$sys-$page.headers" -w '%{http_code}' "${URL[$sys|$page]}" || true)
    if [[ "$code" != 200 ]]; then
        [[ $sys == wp* ]] && die "${LABEL[$sys]}: $path answered $code"
        log "${LABEL[$sys]}: $path answered $code: $page shown as n/a"
        AVAILABLE[$sys|$page]=false
        return
    fi
    grep -qiF -- "${EXPECT[$page]}" "$TMP/check-$sys-$page.html" \
        || die "${LABEL[$sys]}: $path does not contain '${EXPECT[$page]}'"
    BODY_BYTES[$sys|$page]=$(stat -c %s "$TMP/check-$sys-$page.html")
    AVAILABLE[$sys|$page]=true
}

for page in "${PAGES[@]}"; do
    for sys in wp wpc nocache warta; do check_page "$sys" "$page"; done
done

# The static ceiling: Warta's exact bytes (identity: no Accept-Encoding, as wrk sends).
static_locations=""
for page in "${PAGES[@]}"; do
    ${AVAILABLE[warta|$page]} || continue
    curl -s -m 10 -D "$TMP/static/$page.headers" -o "$TMP/static/$page.html" "${URL[warta|$page]}"
    grep -qi '^content-encoding:' "$TMP/static/$page.headers" && die "Warta compressed a response to a request without Accept-Encoding"
    chmod 644 "$TMP/static/$page.html"
    static_locations+="        location = ${PATH_WARTA[$page]%%\?*} { try_files /$page.html =404; }"$'\n'
done
cat >"$TMP/nginx-static/nginx.conf" <<EOF
# Private config for bench/vs-wordpress.sh: Warta's pages as static files (the ceiling).
worker_processes auto;
daemon off;
pid $TMP/nginx-static/nginx.pid;
error_log $TMP/nginx-static/error.log warn;
events {
    worker_connections 4096;
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
$(nginx_temp_paths "$NGINX" "$TMP/nginx-static")
    server {
        listen $HOST:$PORT_STATIC;
        root $TMP/static;
$static_locations        location / { return 404; }
    }
}
EOF
log "starting nginx (static) on $HOST:$PORT_STATIC"
"$NGINX" -p "$TMP/nginx-static/" -e "$TMP/nginx-static/error.log" -c "$TMP/nginx-static/nginx.conf" >>"$TMP/nginx-static/stdout.log" 2>&1 &
STATIC_NGINX_PID=$!
wait_http_200 "http://$HOST:$PORT_STATIC${PATH_WARTA[home]}" "$STATIC_NGINX_PID" "nginx (static)"
for page in "${PAGES[@]}"; do
    URL[static|$page]=${BASE[static]}${PATH_WARTA[$page]}
    AVAILABLE[static|$page]=${AVAILABLE[warta|$page]}
    ${AVAILABLE[static|$page]} || continue
    curl -s -m 10 -o "$TMP/check-static-$page.html" "${URL[static|$page]}"
    cmp -s "$TMP/check-static-$page.html" "$TMP/static/$page.html" || die "nginx does not serve Warta's bytes for $page"
    BODY_BYTES[static|$page]=$(stat -c %s "$TMP/static/$page.html")
done
# The cache in front of WordPress must actually serve hits.
curl -s -m 60 -o /dev/null "${URL[wpc|article]}"
curl -s -m 60 -D "$TMP/wpc-hit.headers" -o /dev/null "${URL[wpc|article]}"
grep -qi '^x-cache: HIT' "$TMP/wpc-hit.headers" || die "fastcgi_cache does not serve hits: $(cat "$TMP/wpc-hit.headers")"

# ---------------------------------------------------------------- process sets -----------
MARIADB_PIDS=$(pgrep -x mariadbd | paste -sd ' ' - || true)
[[ -n "$MARIADB_PIDS" ]] || MARIADB_PIDS=$(pgrep -x mysqld | paste -sd ' ' - || true)
[[ -n "$MARIADB_PIDS" ]] || die "no mariadbd process found"
# shellcheck disable=SC2086 # pid lists
{
    WP_NGINX_SET="$WP_NGINX_PID $(children_of "$WP_NGINX_PID" | paste -sd ' ' -)"
    FPM_SET="$FPM_PID $(children_of "$FPM_PID" | paste -sd ' ' -)"
    STATIC_SET="$STATIC_NGINX_PID $(children_of "$STATIC_NGINX_PID" | paste -sd ' ' -)"
}
declare -A PIDS=([wp]="$WP_NGINX_SET $FPM_SET $MARIADB_PIDS" [wpc]="$WP_NGINX_SET $FPM_SET $MARIADB_PIDS"
    [nocache]="$NOCACHE_PID" [warta]="$WARTA_PID" [static]="$STATIC_SET")
commas() { tr -s ' ' ',' <<<"$*" | sed 's/^,//; s/,$//'; }
declare -A MEM_GROUPS=(
    [wp]="nginx=$(commas "$WP_NGINX_SET") php-fpm=$(commas "$FPM_SET") db=$(commas "$MARIADB_PIDS")"
    [nocache]="warta=$NOCACHE_PID" [warta]="warta=$WARTA_PID" [static]="nginx=$(commas "$STATIC_SET")")
MEM_GROUPS[wpc]=${MEM_GROUPS[wp]}
log "process sets: WordPress nginx [$WP_NGINX_SET] php-fpm [$FPM_SET] mariadbd [$MARIADB_PIDS]; static nginx [$STATIC_SET]"

quiesce() { # wait (up to 120 s) until the pids use under 5% of a core over half a second
    local a b i limit=$((CLK_TCK / 40 + 1))
    for ((i = 0; i < 240; i++)); do
        # shellcheck disable=SC2086
        a=$(pids_ticks $1)
        sleep 0.5
        # shellcheck disable=SC2086
        b=$(pids_ticks $1)
        ((b - a <= limit)) && return 0
    done
    log "warning: servers still busy after 120 s"
}

# ---------------------------------------------------------------- load -------------------
declare -A B_RPS=() B_P50=() B_P99=() B_CPUK=() B_PSS=() B_RSS=() B_DBPSS=() B_ERR=()
declare -A B_SCPU=() B_WCPU=() B_OCPU=() ALL=()
MAX_OTHER=0
NOISY_RUNS=0
MEASURED_RUNS=0
NOISY=25 # % of a core used by other work during a run above which the run counts as disturbed
printf 'conns\tpage\tsystem\tround\tok_rps\tp50_ms\tp99_ms\trequests\tnon2xx\tsocket_errors\tserver_ticks\tserver_cpu%%\twrk_cpu%%\tother_cpu%%\tpeak_pss_kib\tpeak_rss_kib\n' >"$TMP/runs.tsv"

measure() { # conns page sys round
    local conns=$1 page=$2 sys=$3 r=$4 k="$1|$2|$3" ok cpuk line rss pss
    local url=${URL[$sys|$page]} out="$TMP/wrk/$conns-$page-$sys"
    quiesce "${PIDS[$sys]}"
    # shellcheck disable=SC2086
    WRK_CONNECTIONS=$conns run_wrk "$url" "$WARMUP" "$out-warmup-$r.txt"
    quiesce "${PIDS[$sys]}"
    # shellcheck disable=SC2086
    python3 "$BENCH/procmem.py" ${MEM_GROUPS[$sys]} >"$out-mem-$r.txt" &
    SAMPLER_PID=$!
    # shellcheck disable=SC2086
    WRK_CONNECTIONS=$conns run_wrk "$url" "$DURATION" "$out-$r.txt" pids_ticks ${PIDS[$sys]}
    stop_pid "$SAMPLER_PID"
    SAMPLER_PID=""
    ok=$((RUN_REQUESTS - RUN_NON2XX))
    cpuk=$(awk -v t="$RUN_SERVER_TICKS" -v hz="$CLK_TCK" -v n="$ok" 'BEGIN {if (n > 0) printf "%.3f", 1000 * t / hz / n; else printf "n/a"}')
    pss=$(awk '$1 == "total" {print $3}' "$out-mem-$r.txt")
    rss=$(awk '$1 == "total" {print $2}' "$out-mem-$r.txt")
    log "$conns conns, $page, ${LABEL[$sys]}, round $r: $RUN_OK_RPS req/s ok, p50 $RUN_P50_MS ms, p99 $RUN_P99_MS ms, $cpuk CPU s/1k, peak $(mib "$pss") MiB PSS; CPU server ${RUN_SERVER_CPU}% wrk ${RUN_WRK_CPU}% other ${RUN_OTHER_CPU}%${RUN_ERRORS:+; $RUN_ERRORS}"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$conns" "$page" "$sys" "$r" "$RUN_OK_RPS" "$RUN_P50_MS" "$RUN_P99_MS" \
        "$RUN_REQUESTS" "$RUN_NON2XX" "$RUN_SOCKET_ERRORS" "$RUN_SERVER_TICKS" "$RUN_SERVER_CPU" "$RUN_WRK_CPU" "$RUN_OTHER_CPU" "$pss" "$rss" >>"$TMP/runs.tsv"
    ALL[$k]+="${ALL[$k]:+ / }$(printf '%.0f' "$RUN_OK_RPS")"
    ((RUN_OTHER_CPU > MAX_OTHER)) && MAX_OTHER=$RUN_OTHER_CPU
    MEASURED_RUNS=$((MEASURED_RUNS + 1))
    ((RUN_OTHER_CPU > NOISY)) && NOISY_RUNS=$((NOISY_RUNS + 1))
    if [[ -z "${B_RPS[$k]-}" ]] || awk -v a="$RUN_OK_RPS" -v b="${B_RPS[$k]}" 'BEGIN {exit !(a > b)}'; then
        B_RPS[$k]=$RUN_OK_RPS B_P50[$k]=$RUN_P50_MS B_P99[$k]=$RUN_P99_MS B_CPUK[$k]=$cpuk
        B_PSS[$k]=$pss B_RSS[$k]=$rss B_SCPU[$k]=$RUN_SERVER_CPU B_WCPU[$k]=$RUN_WRK_CPU B_OCPU[$k]=$RUN_OTHER_CPU
        B_DBPSS[$k]=$(awk '$1 == "db" {print $3}' "$out-mem-$r.txt")
        B_ERR[$k]=""
        ((RUN_NON2XX > 0)) && B_ERR[$k]="${RUN_NON2XX} non-2xx"
        if ((RUN_SOCKET_ERRORS > 0)); then
            line=$(awk '/Socket errors:/ {sub(/^ *Socket errors: */, ""); print}' "$out-$r.txt")
            B_ERR[$k]+="${B_ERR[$k]:+, }socket errors: $line"
        fi
    fi
}

BENCH_START=$(date +%s)
for c in $CONNECTION_LIST; do
    for page in "${PAGES[@]}"; do
        for ((r = 1; r <= ROUNDS; r++)); do
            for sys in "${SYSTEMS[@]}"; do
                ${AVAILABLE[$sys|$page]} || continue
                measure "$c" "$page" "$sys" "$r"
            done
        done
    done
done
BENCH_SECS=$(($(date +%s) - BENCH_START))
RUSTC_AT_END=$(pgrep -c rustc || true)

# ---------------------------------------------------------------- report -----------------
fmt_ratio() { # a b: a/b, with precision that fits its size
    awk -v a="$1" -v b="$2" 'BEGIN {
        if (a == "" || b == "" || b + 0 == 0) { print "n/a"; exit }
        r = a / b
        if (r >= 100) printf "%.0f", r; else if (r >= 10) printf "%.1f", r; else printf "%.2f", r }'
}
ratio_of() { # conns page sys-a sys-b
    local a="$1|$2|$3" b="$1|$2|$4"
    if ${AVAILABLE[$3|$2]} && ${AVAILABLE[$4|$2]}; then fmt_ratio "${B_RPS[$a]}" "${B_RPS[$b]}"; else echo n/a; fi
}
cell() { # conns page sys field
    local k="$1|$2|$3"
    if ! ${AVAILABLE[$3|$2]}; then echo n/a; return; fi
    case "$4" in
        rps) printf '%.0f%s' "${B_RPS[$k]}" "$( ((B_OCPU[$k] > NOISY)) && echo '*')" ;;
        p50) echo "${B_P50[$k]}" ;;
        p99) echo "${B_P99[$k]}" ;;
        cpuk) echo "${B_CPUK[$k]}" ;;
        pss) mib "${B_PSS[$k]}" ;;
        rss) mib "${B_RSS[$k]}" ;;
        db) if [[ $3 == wp* ]]; then mib "${B_DBPSS[$k]}"; else echo "-"; fi ;;
        err) echo "${B_ERR[$k]:--}" ;;
        all) echo "${ALL[$k]}" ;;
        cpu) echo "${B_SCPU[$k]}% / ${B_WCPU[$k]}% / ${B_OCPU[$k]}%" ;;
    esac
}
goal_line() { # conns: the two goals on the article page
    local c=$1 u k
    u=$(ratio_of "$c" article warta wp)
    k=$(ratio_of "$c" article warta wpc)
    verdict() { awk -v r="$1" -v t="$2" 'BEGIN {print (r != "n/a" && r + 0 >= t + 0) ? "MET" : "NOT met"}'; }
    echo "article page, $c connections: Warta warm $(cell "$c" article warta rps) req/s = ${u}x WordPress uncached ($(cell "$c" article wp rps) req/s): goal >= ${GOAL_UNCACHED}x $(verdict "$u" "$GOAL_UNCACHED"); = ${k}x WordPress fastcgi_cache ($(cell "$c" article wpc rps) req/s): goal >= ${GOAL_CACHED}x $(verdict "$k" "$GOAL_CACHED")"
}

TOTAL_SECS=$(($(date +%s) - STARTED))
QUIET="rustc processes at start $RUSTC_AT_START, at end $RUSTC_AT_END; $NOISY_RUNS of $MEASURED_RUNS measured runs had other work above ${NOISY}% of a core (highest ${MAX_OTHER}%); * marks a shown (best) run that was among them"
nginx_version=$("$NGINX" -v 2>&1 | sed 's/^nginx version: //')
php_version=$(php -r 'echo PHP_VERSION;')
wp_version=$(sed -n "s/^\$wp_version = '\(.*\)';/\1/p" "$WP_ROOT/wp-includes/version.php")
mariadb_version=$(mysql_root -N -e 'SELECT VERSION()')
wrk_version=$( (wrk -v 2>&1 || true) | awk 'NR == 1 {print $2}')
commit=$(commit_line "$ROOT")

body_sizes() { # HTML bytes per page (identity encoding): WordPress / Warta
    local page out=""
    for page in "${PAGES[@]}"; do
        out+="$page ${BODY_BYTES[wp|$page]:-?} / ${BODY_BYTES[warta|$page]:-n/a} B; "
    done
    echo "${out%; } (WordPress / Warta)"
}

report_text() {
    local c page sys
    echo
    echo "Warta vs WordPress — $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "machine : $(machine_line)"
    echo "quiet?  : $QUIET"
    echo "build   : $("$WARTA_BIN" --version 2>/dev/null || echo warta) (release), commit $commit"
    echo "stack   : WordPress $wp_version, PHP $php_version (PHP-FPM pm=static, $FPM_CHILDREN workers), MariaDB $mariadb_version, nginx $nginx_version, wrk $wrk_version"
    echo "content : $ARTICLES generated articles (seed $SEED), loaded into WordPress${WP_LOAD_SECS:+ in ${WP_LOAD_SECS}s} and Warta in ${WARTA_LOAD_SECS}s"
    echo "load    : wrk -t$THREADS -d${DURATION}s --timeout ${TIMEOUT}s --latency, ${WARMUP}s warm-up, $ROUNDS interleaved round(s), best shown; loopback"
    echo "pages   : home        WordPress ${PATH_WP[home]}  Warta ${PATH_WARTA[home]}"
    echo "          article #$PICK WordPress ${PATH_WP[article]}"
    echo "                      Warta ${PATH_WARTA[article]}"
    echo "          rubrik      WordPress ${PATH_WP[rubrik]}  Warta ${PATH_WARTA[rubrik]}"
    echo "          search      WordPress ${PATH_WP[search]}  Warta ${PATH_WARTA[search]}"
    echo "bodies  : $(body_sizes)"
    for c in $CONNECTION_LIST; do
        echo
        echo "== $c connections =="
        printf '%-8s %-30s %9s %9s %9s %9s %9s %7s  %s\n' page server "req/s" "p50 ms" "p99 ms" "CPU s/1k" "peak MiB" "DB MiB" "errors"
        for page in "${PAGES[@]}"; do
            for sys in "${SYSTEMS[@]}"; do
                printf '%-8s %-30s %9s %9s %9s %9s %9s %7s  %s\n' "$page" "${LABEL[$sys]}" "$(cell "$c" "$page" "$sys" rps)" \
                    "$(cell "$c" "$page" "$sys" p50)" "$(cell "$c" "$page" "$sys" p99)" "$(cell "$c" "$page" "$sys" cpuk)" \
                    "$(cell "$c" "$page" "$sys" pss)" "$(cell "$c" "$page" "$sys" db)" "$(cell "$c" "$page" "$sys" err)"
            done
        done
        echo
        printf '%-8s %16s %16s %18s %16s\n' page "warm/WP uncached" "warm/WP cached" "cache off/WP unc." "warm/nginx static"
        for page in "${PAGES[@]}"; do
            printf '%-8s %16s %16s %18s %16s\n' "$page" "$(ratio_of "$c" "$page" warta wp)" "$(ratio_of "$c" "$page" warta wpc)" \
                "$(ratio_of "$c" "$page" nocache wp)" "$(ratio_of "$c" "$page" warta static)"
        done
    done
    echo
    echo "(req/s: 2xx/3xx responses per second; CPU s/1k: CPU seconds of the server's processes per 1,000 such"
    echo " responses; peak MiB: highest PSS sum of the server's processes during the run; WordPress's"
    echo " includes MariaDB, also shown alone as DB MiB; errors: wrk's non-2xx responses and socket errors)"
    echo
    echo "Goals:"
    for c in $CONNECTION_LIST; do echo "  $(goal_line "$c")"; done
    echo
    if $KEEP_TMP; then echo "raw runs: $TMP/runs.tsv"; fi
    echo "benchmark ${BENCH_SECS}s, whole script ${TOTAL_SECS}s"
}

report_markdown() {
    local c page sys
    echo "## Run of $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "- machine: $(machine_line)"
    echo "- quiet? $QUIET"
    echo "- Warta: commit $commit, release build, SQLite"
    echo "- WordPress $wp_version (Debian), theme twentytwentythree, PHP $php_version + opcache, PHP-FPM pm=static with $FPM_CHILDREN workers, MariaDB $mariadb_version, nginx $nginx_version"
    echo "- content: $ARTICLES generated articles (bench/gen-articles.py, seed $SEED) in both systems"
    echo "- load: wrk $wrk_version, \`-t$THREADS -d${DURATION}s --timeout ${TIMEOUT}s --latency\`, ${WARMUP} s warm-up before each run, $ROUNDS interleaved round(s), best round shown"
    echo "- pages: home \`/\` on both; article #$PICK \`${PATH_WP[article]}\` / \`${PATH_WARTA[article]}\`; rubrik \`${PATH_WP[rubrik]}\` / \`${PATH_WARTA[rubrik]}\`; search \`${PATH_WP[search]}\` / \`${PATH_WARTA[search]}\`"
    echo "- HTML bodies (identity): $(body_sizes)"
    echo "- command: \`bench/vs-wordpress.sh$(printf ' %q' "${ORIG_ARGS[@]}")\`; benchmark ${BENCH_SECS} s, whole script ${TOTAL_SECS} s"
    for c in $CONNECTION_LIST; do
        echo
        echo "### $c connections"
        echo
        echo "| page | server | req/s | p50 ms | p99 ms | CPU s / 1k req | peak PSS MiB | peak RSS sum MiB | of which DB (PSS) | CPU server / wrk / other | errors | req/s per round |"
        echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---|---|---|"
        for page in "${PAGES[@]}"; do
            for sys in "${SYSTEMS[@]}"; do
                if ! ${AVAILABLE[$sys|$page]}; then
                    echo "| $page | ${LABEL[$sys]} | n/a | | | | | | | | page not available | |"
                    continue
                fi
                echo "| $page | ${LABEL[$sys]} | $(cell "$c" "$page" "$sys" rps) | $(cell "$c" "$page" "$sys" p50) | $(cell "$c" "$page" "$sys" p99) | $(cell "$c" "$page" "$sys" cpuk) | $(cell "$c" "$page" "$sys" pss) | $(cell "$c" "$page" "$sys" rss) | $(cell "$c" "$page" "$sys" db) | $(cell "$c" "$page" "$sys" cpu) | $(cell "$c" "$page" "$sys" err) | $(cell "$c" "$page" "$sys" all) |"
            done
        done
        echo
        echo "| page | Warta warm / WP uncached | Warta warm / WP fastcgi_cache | Warta cache off / WP uncached | Warta warm / nginx static |"
        echo "|---|---:|---:|---:|---:|"
        for page in "${PAGES[@]}"; do
            echo "| $page | $(ratio_of "$c" "$page" warta wp) | $(ratio_of "$c" "$page" warta wpc) | $(ratio_of "$c" "$page" nocache wp) | $(ratio_of "$c" "$page" warta static) |"
        done
    done
    echo
    echo "### Goals"
    echo
    for c in $CONNECTION_LIST; do echo "- $(goal_line "$c")"; done
}

report_text
if [[ -n "$MARKDOWN" ]]; then
    report_markdown >"$MARKDOWN"
    log "wrote $MARKDOWN"
fi
exit 0
