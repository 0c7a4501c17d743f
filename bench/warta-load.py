#!/usr/bin/env python3
"""Load generated articles (bench/gen-articles.py) into Warta through its JSON API.

For each article: POST /api/v1/articles (a draft), then POST /api/v1/articles/{id}/publish
with "at" = the generated date, so the article is published backdated. Several connections
work in parallel, each on its own keep-alive HTTP connection. Writes "index<TAB>url" lines.

Usage: warta-load.py --base http://127.0.0.1:PORT --token TOKEN --articles FILE --map OUT
                     [--workers N]
"""

import argparse
import http.client
import json
import sys
import threading
import time
import urllib.parse


class Api:
    def __init__(self, base, token):
        u = urllib.parse.urlsplit(base)
        self.host, self.port = u.hostname, u.port or 80
        self.headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        self.conn = None

    def post(self, path, body):
        data = json.dumps(body).encode()
        if self.conn is None:
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
        # No retry: a repeated create could duplicate an article; a failure stops the load.
        self.conn.request("POST", path, body=data, headers=self.headers)
        r = self.conn.getresponse()
        text = r.read()
        if r.status >= 300:
            raise RuntimeError(f"POST {path}: {r.status} {text[:500]!r}")
        return json.loads(text)


def to_warta(a):
    return {
        "headline": a["headline"],
        "dek": a["dek"],
        "rubrik": a["rubrik"],
        "tags": a["tags"],
        "dateline": a["dateline"],
        "signoff": a["signoff"],
        "body": [{"type": "paragraph", "text": p} for p in a["body"]],
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--base", required=True)
    ap.add_argument("--token", required=True)
    ap.add_argument("--articles", required=True)
    ap.add_argument("--map", required=True)
    ap.add_argument("--workers", type=int, default=4)
    a = ap.parse_args()

    with open(a.articles, encoding="utf-8") as f:
        articles = [json.loads(line) for line in f]
    urls = [None] * len(articles)
    lock = threading.Lock()
    next_i = [0]
    failed = []
    t0 = time.time()

    def worker():
        api = Api(a.base, a.token)
        while True:
            with lock:
                i = next_i[0]
                next_i[0] += 1
            if i >= len(articles) or failed:
                return
            art = articles[i]
            try:
                created = api.post("/api/v1/articles", to_warta(art))
                published = api.post(f"/api/v1/articles/{created['id']}/publish",
                                     {"at": art["published_at"]})
            except Exception as e:  # noqa: BLE001 - report and stop every worker
                failed.append(f"article {art['i']}: {e}")
                return
            urls[i] = published["url"]
            if (i + 1) % 1000 == 0:
                print(f"warta-load: {i + 1} articles ({(i + 1) / (time.time() - t0):.0f}/s)",
                      file=sys.stderr)

    threads = [threading.Thread(target=worker) for _ in range(a.workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if failed:
        print(f"warta-load: {failed[0]}", file=sys.stderr)
        sys.exit(1)
    with open(a.map, "w", encoding="utf-8") as out:
        for art, url in zip(articles, urls):
            out.write(f"{art['i']}\t{url}\n")
    print(f"warta-load: loaded {len(articles)} articles in {time.time() - t0:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
