#!/usr/bin/env bash
# The WordPress import's rate on a generated export, without media processing.
#
# Generates a WXR 1.2 export of N posts (bench/gen_wxr.py: Indonesian dateline, six
# paragraphs, a "Baca juga" line to the previous post, a sign-off, 2 categories, 3 tags),
# imports it with `warta import wordpress --no-fetch` into a fresh data directory, and prints
# posts per second, the peak RSS of the import process, and the ratio against a baseline
# measured in the same run: Python's streaming XML parser (xml.etree.iterparse) reading the
# same file, i.e. how many times slower the whole import is than merely parsing the file.
# Then it runs the import again (nothing to do: every post is already there) and prints
# that rate too.
#
# WordPress's own importer cannot be compared here: Debian packages WordPress (6.1.9), PHP
# (8.2) and MariaDB (`apt-cache policy wordpress php-cli` shows them installable), but the
# importer is the separate "WordPress Importer" plugin, which Debian does not package and which
# comes only from wordpress.org, unreachable from this machine. The nearest figure is
# bench/vs-wordpress.sh's loader, which calls wp_insert_post() (what the importer calls for
# each post) with batched transactions: see BENCHMARKS.md.
#
# Usage: bench/import.sh [--posts N] [--bin PATH] [--keep-tmp]
#   --posts N   posts in the generated export (default 100000)
#   --bin PATH  the warta binary (default: target/release/warta, built if missing)
set -euo pipefail
LOG_TAG=import
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
# shellcheck source=bench/lib.sh
source "$here/lib.sh"

posts=100000
bin=""
keep=false
while (($#)); do
    case "$1" in
    --posts) need_int --posts "${2:-}"; posts=$2; shift 2 ;;
    --bin) bin=$2; shift 2 ;;
    --keep-tmp) keep=true; shift ;;
    *) echo "usage: $0 [--posts N] [--bin PATH] [--keep-tmp]" >&2; exit 2 ;;
    esac
done
if [[ -z "$bin" ]]; then
    bin="$root/target/release/warta"
    [[ -x "$bin" ]] || { log "building: cargo build --release -p warta"; (cd "$root" && cargo build --release -p warta) >&2; }
fi
tmp=$(mktemp -d)
$keep || trap 'rm -rf "$tmp"' EXIT

log "generating $posts posts"
python3 "$here/gen_wxr.py" "$posts" "$tmp/export.xml"
size=$(stat -c %s "$tmp/export.xml")
log "export: $((size / 1024 / 1024)) MiB"

log "baseline: xml.etree.iterparse over the same file"
t0=$(date +%s.%N)
python3 - "$tmp/export.xml" <<'PY'
import sys, xml.etree.ElementTree as ET
n = 0
for _, el in ET.iterparse(sys.argv[1]):
    if el.tag == "item":
        n += 1
        el.clear()
print(n, file=sys.stderr)
PY
t1=$(date +%s.%N)
parse_s=$(echo "$t1 - $t0" | bc -l)

run_import() { # label
    local t0 t1 pid mem
    t0=$(date +%s.%N)
    "$bin" import wordpress --no-fetch --data "$tmp/data" "$tmp/export.xml" >"$tmp/out.txt" 2>"$tmp/err.txt" &
    pid=$!
    python3 "$here/procmem.py" --interval 0.2 "import=$pid" >"$tmp/mem.txt" &
    mem=$!
    wait "$pid" || { cat "$tmp/err.txt" >&2; die "import failed"; }
    t1=$(date +%s.%N)
    kill -TERM "$mem"; wait "$mem" || true
    IMPORT_S=$(echo "$t1 - $t0" | bc -l)
    IMPORT_RSS_MIB=$(awk '$1 == "import" { printf "%.0f", $2 / 1024 }' "$tmp/mem.txt")
    log "$1: $(printf '%.1f' "$IMPORT_S") s, peak RSS $IMPORT_RSS_MIB MiB"
}

run_import "first import"
first_s=$IMPORT_S first_rss=$IMPORT_RSS_MIB
grep -E '^(imported|failed)' "$tmp/out.txt" >&2 || true
run_import "second import (nothing new)"
again_s=$IMPORT_S

rate=$(echo "$posts / $first_s" | bc -l)
parse_rate=$(echo "$posts / $parse_s" | bc -l)
again_rate=$(echo "$posts / $again_s" | bc -l)
printf '\n%-44s %12s\n' "measure" "value"
printf '%-44s %12.0f\n' "import, posts/s" "$rate"
printf '%-44s %12d\n' "import, peak RSS (MiB)" "$first_rss"
printf '%-44s %12.0f\n' "baseline: parse only (Python iterparse), posts/s" "$parse_rate"
printf '%-44s %12.2f\n' "ratio import / parse-only rate" "$(echo "$rate / $parse_rate" | bc -l)"
printf '%-44s %12.0f\n' "rerun (all already imported), posts/s" "$again_rate"
printf '%-44s %12s\n' "target >= 2000 posts/s" "$(echo "$rate >= 2000" | bc -l | sed 's/1/met/;s/0/NOT met/')"
