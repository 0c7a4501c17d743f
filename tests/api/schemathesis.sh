#!/usr/bin/env bash
# Fuzz the JSON API against its own OpenAPI document (schemathesis, PyPI): a real server on a
# fresh data dir, an editor's token, a few articles and a photo to find, then a fixed seed and
# a bounded number of examples per operation. Fails on any 5xx and on any answer (status,
# content type, body) that the document does not describe.
#
#   tests/api/schemathesis.sh            # uses target/debug/warta (cargo build -p warta)
#   WARTA_BIN=… ST_EXAMPLES=50 ST_SEED=7 tests/api/schemathesis.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=${WARTA_BIN:-$root/target/debug/warta}
examples=${ST_EXAMPLES:-80}
seed=${ST_SEED:-20261201}
st=$(command -v st || command -v schemathesis || true)
[ -n "$st" ] || { echo "schemathesis is not installed (pip install schemathesis)" >&2; exit 1; }
[ -x "$bin" ] || { echo "no warta binary at $bin (cargo build -p warta)" >&2; exit 1; }

work=$(mktemp -d)
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

data="$work/data"
WARTA_PASSWORD=kata-sandi-fuzzer "$bin" user add --data "$data" --email fuzz@warta.test \
  --name "Penguji API" --role editor >/dev/null
token=$("$bin" token create --data "$data" --email fuzz@warta.test --name schemathesis | tail -n 1)

WARTA_BASE_URL=http://127.0.0.1 RUST_LOG=warn "$bin" serve --data "$data" --listen 127.0.0.1:0 \
  2>"$work/server.log" &
server=$!
base=""
for _ in $(seq 1 100); do
  base=$(sed -n 's/^Warta is serving on \(http:[^ ]*\).*/\1/p' "$work/server.log" | head -n 1)
  [ -n "$base" ] && break
  sleep 0.1
done
[ -n "$base" ] || { cat "$work/server.log" >&2; echo "the server did not start" >&2; exit 1; }

# Something for the operations to find: a rubrik (saving an article never makes one), two
# articles (one published, with a pending version) and a photo.
api() { curl -sS -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "$@"; }
[ "$(api -H 'content-type: application/json' -d '{"name":"Nasional"}' "$base/api/v1/rubriks")" = 201 ]
body='{"headline":"Banjir Rendam Jakarta","rubrik":"Nasional","live":true,"tags":["Banjir"],"body":[{"type":"paragraph","text":"Air naik."}]}'
[ "$(api -H 'content-type: application/json' -d "$body" "$base/api/v1/articles")" = 201 ]
[ "$(api -H 'content-type: application/json' -d "$body" "$base/api/v1/articles")" = 201 ]
[ "$(api -X POST "$base/api/v1/articles/1/publish")" = 200 ]
[ "$(api -X PATCH -H 'content-type: application/json' -d '{"revision":1,"stage":true,"dek":"Tertunda."}' "$base/api/v1/articles/1")" = 200 ]
python3 - "$work/foto.png" <<'PY'
import struct, sys, zlib
w, h = 64, 48
rows = b"".join(b"\0" + b"".join(bytes((x * 4 % 256, y * 5 % 256, 128)) for x in range(w)) for y in range(h))
def chunk(t, d):
    return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) \
    + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
open(sys.argv[1], "wb").write(png)
PY
[ "$(api -F "file=@$work/foto.png" -F caption=Banjir -F credit=Uji -F alt=Banjir "$base/api/v1/media")" = 201 ]

cd "$work"
"$st" run "$base/api/v1/openapi.json" \
  --url "$base" \
  -H "Authorization: Bearer $token" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
  --phases examples,coverage,fuzzing \
  --max-examples "$examples" \
  --seed "$seed" \
  --workers 1 \
  --request-timeout 10 \
  --no-color \
  --suppress-health-check all
