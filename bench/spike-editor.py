#!/usr/bin/env python3
"""The editor of the spike test (bench/spike.sh): a breaking story, and its updates.

  spike-editor.py story --api URL --token T --topic NAME
      creates the breaking story through the JSON API (rubrik Nasional, in the running topic
      NAME), publishes it, makes it the lead of the front page with the "Terkini" bar, and
      prints "ID ARTICLE_PATH TOPIC_PATH".

  spike-editor.py updates --api URL[,URL...] --token T --id ID --page URL --out FILE
                          [--every 10] [--timeout 10] [--poll 0.05]
      every --every seconds edits the published story (PATCH with its current `revision`,
      no `stage`: an editor's edit of a published article goes live at once, not into a
      pending version) so that its body carries a new unique marker, then fetches the
      article page through the CDN (--page, the Varnish URL) every --poll seconds until the
      marker shows. One line per update, flushed at once, to --out:
        EPOCH_SENT INSTANCE HTTP_STATUS API_MS VISIBLE_MS|miss MARKER WHY
      EPOCH_SENT is when the PATCH was sent; VISIBLE_MS counts from then (the API call
      included) to the first page through the CDN with the marker; "miss" after --timeout
      seconds, and then WHY says age=<the CDN copy's Age header>,origins_with_it=<the
      instances whose own page (not through the CDN) shows the marker> ("-" otherwise). The edits go to the --api instances in turn (with two instances, every other
      update is made on the instance the other one must hear about through the database).
      Runs until SIGTERM or SIGINT; an update cut short is not written.
"""

import argparse
import datetime as dt
import json
import os
import signal
import sys
import time
import urllib.error
import urllib.request

WIB = dt.timezone(dt.timedelta(hours=7))
LEAD = ("Gempa bermagnitudo 6,2 mengguncang Cianjur dan sekitarnya pada Selasa siang. BMKG "
        "menyatakan gempa tidak berpotensi tsunami; warga diminta menjauhi bangunan yang retak.")


def api(base, token, method, path, body=None, timeout=30):
    """(status, JSON answer) of one API call; errors are answers too."""
    req = urllib.request.Request(
        f"{base}/api/v1{path}", method=method,
        data=None if body is None else json.dumps(body).encode(),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json",
                 "Accept": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as res:
            return res.status, json.loads(res.read() or b"null")
    except urllib.error.HTTPError as e:
        text = e.read()
        try:
            return e.code, json.loads(text)
        except ValueError:
            return e.code, {"detail": text[:200].decode(errors="replace")}


def path_of(url):
    return "/" + url.split("://", 1)[-1].split("/", 1)[-1]


def story(a):
    status, art = api(a.api, a.token, "POST", "/articles", {
        "headline": "Gempa Magnitudo 6,2 Guncang Cianjur, Warga Berhamburan",
        "dek": "BMKG memastikan gempa tidak berpotensi tsunami. Laporan kerusakan terus masuk.",
        "rubrik": "Nasional", "tags": ["Gempa", "BMKG", "Cianjur"], "topic": a.topic,
        "dateline": "CIANJUR", "signoff": "(ant/rd)",
        "body": [{"type": "paragraph", "text": LEAD}]})
    if status != 201:
        sys.exit(f"creating the breaking story: {status} {art}")
    status, pub = api(a.api, a.token, "POST", f"/articles/{art['id']}/publish", {})
    if status != 200:
        sys.exit(f"publishing the breaking story: {status} {pub}")
    status, full = api(a.api, a.token, "GET", f"/articles/{art['id']}")
    if status != 200 or not full.get("topic"):
        sys.exit(f"reading the breaking story: {status} {full}")
    # The front page as an editor would set it for breaking news: the story as the lead, and
    # the "Terkini" bar pointing at it. The layout is read first and written back changed.
    status, home = api(a.api, a.token, "GET", "/home")
    if status != 200:
        sys.exit(f"reading the front page: {status} {home}")
    until = (dt.datetime.now(WIB) + dt.timedelta(hours=6)).replace(microsecond=0).isoformat()
    home["headline"] = [art["id"]] + [i for i in home.get("headline", []) if i != art["id"]][:4]
    home["picks"] = [i for i in home.get("picks", []) if i != art["id"]]
    home["breaking"] = {"text": "Gempa M6,2 guncang Cianjur", "article_id": art["id"], "until": until}
    status, saved = api(a.api, a.token, "PUT", "/home", home)
    if status != 200:
        sys.exit(f"setting the front page: {status} {saved}")
    print(art["id"], path_of(full["url"]), path_of(full["topic"]["url"]))


def fetch(url, timeout, want_age=False):
    """The page's text ("" when the fetch failed: not visible yet, try again); with want_age,
    (text, its Age header)."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as res:
            got = res.read().decode("utf-8", errors="replace"), res.headers.get("Age", "?")
    except (OSError, urllib.error.URLError):
        got = "", "?"
    return got if want_age else got[0]


def diagnose(a, apis, marker, path):
    """Why an update was not seen in time: the Age of the CDN's copy (older than the update:
    the purge did not take; younger: a stale page was cached again after it) and which
    instances serve the marker themselves."""
    _, age = fetch(a.page, 5, want_age=True)
    have = [str(i) for i, base in enumerate(apis) if marker in fetch(base + path, 5)]
    return f"age={age},origins_with_it={'+'.join(have) or 'none'}"


def updates(a):
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    signal.signal(signal.SIGINT, lambda *_: stop.append(1))
    apis = a.api.split(",")
    out = open(a.out, "a", buffering=1, encoding="utf-8")
    status, art = api(apis[0], a.token, "GET", f"/articles/{a.id}")
    if status != 200:
        sys.exit(f"reading the breaking story: {status} {art}")
    revision, entries = art["revision"], []
    path = "/" + a.page.split("://", 1)[-1].split("/", 1)[-1]
    k, due = 0, time.time()
    while not stop:
        while not stop and time.time() < due:
            time.sleep(min(0.1, max(0.0, due - time.time())))
        if stop:
            break
        k += 1
        marker = f"spike{os.getpid()}x{k}"
        wib = dt.datetime.now(WIB).strftime("%H.%M.%S")
        # Newest update first, as newsrooms write a developing story; the last 20 are kept.
        entries = [f"Pembaruan {wib} WIB: petugas BPBD mendata kerusakan di kecamatan "
                   f"terdampak (kode {marker})."] + entries[:19]
        body = [{"type": "paragraph", "text": LEAD}] + [{"type": "paragraph", "text": e} for e in entries]
        base = apis[(k - 1) % len(apis)]
        sent = time.time()
        status, res = api(base, a.token, "PATCH", f"/articles/{a.id}", {"revision": revision, "body": body})
        if status == 409:  # someone else saved: take the current revision and save again
            _, cur = api(base, a.token, "GET", f"/articles/{a.id}")
            revision = cur.get("revision", revision)
            status, res = api(base, a.token, "PATCH", f"/articles/{a.id}", {"revision": revision, "body": body})
        api_ms = (time.time() - sent) * 1000
        visible = "miss"
        if status == 200:
            revision = res["revision"]
            while not stop and time.time() - sent < a.timeout:
                if marker in fetch(a.page, max(0.5, a.timeout - (time.time() - sent))):
                    visible = f"{(time.time() - sent) * 1000:.0f}"
                    break
                time.sleep(a.poll)
        else:
            print(f"update {k}: {status} {res}", file=sys.stderr)
        if stop and visible == "miss":
            break
        why = diagnose(a, apis, marker, path) if visible == "miss" and status == 200 else "-"
        out.write(f"{sent:.3f} {(k - 1) % len(apis)} {status} {api_ms:.0f} {visible} {marker} {why}\n")
        due = max(sent + a.every, time.time())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["story", "updates"])
    ap.add_argument("--api", required=True)
    ap.add_argument("--token", required=True)
    ap.add_argument("--topic", default="Gempa Cianjur")
    ap.add_argument("--id", type=int)
    ap.add_argument("--page")
    ap.add_argument("--out")
    ap.add_argument("--every", type=float, default=10)
    ap.add_argument("--timeout", type=float, default=10)
    ap.add_argument("--poll", type=float, default=0.05)
    a = ap.parse_args()
    if a.mode == "story":
        story(a)
    else:
        if not (a.id and a.page and a.out):
            ap.error("updates needs --id, --page and --out")
        updates(a)


if __name__ == "__main__":
    main()
