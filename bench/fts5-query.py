#!/usr/bin/env python3
"""The FTS5 baseline of bench/search.sh: run each query against the FTS5 table (bm25 with the
weights Warta's old search used, first 20 hits joined to published articles) from N threads
for D seconds, and print "label p50 p95 p99 count" in ms. SQLite releases the GIL while it
works, so the threads run queries in parallel.

Usage: fts5-query.py --fts FTS.db --db warta.db --clients 16 --duration 10 LABEL=QUERY...
"""

import argparse
import sqlite3
import threading
import time

SQL = """SELECT a.id, a.headline FROM (SELECT rowid AS id, bm25(article_fts, 10.0, 4.0, 1.0) AS s
         FROM article_fts WHERE article_fts MATCH ? ORDER BY s LIMIT 20) m
         JOIN db.articles a ON a.id = m.id WHERE a.status = 'published'"""


def fts_match(q):
    if q.startswith('"'):
        return q  # an FTS5 phrase
    return " ".join(f'"{w}"' for w in q.split())


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(len(xs) * p / 100))] * 1000 if xs else float("nan")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--fts", required=True)
    ap.add_argument("--db", required=True)
    ap.add_argument("--clients", type=int, default=16)
    ap.add_argument("--duration", type=float, default=10)
    ap.add_argument("queries", nargs="+")
    a = ap.parse_args()
    for spec in a.queries:
        label, q = spec.split("=", 1)
        qs = [x for x in q.split("|") if x]
        times = []
        lock = threading.Lock()
        stop = time.time() + a.duration

        def work(k):
            c = sqlite3.connect(a.fts, check_same_thread=False)
            c.execute(f"ATTACH DATABASE '{a.db}' AS db")
            i = k
            mine = []
            while time.time() < stop:
                t0 = time.perf_counter()
                c.execute(SQL, (fts_match(qs[i % len(qs)]),)).fetchall()
                mine.append(time.perf_counter() - t0)
                i += 1
            with lock:
                times.extend(mine)

        ts = [threading.Thread(target=work, args=(k,)) for k in range(a.clients)]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
        print(f"{label} {pct(times, 50):.2f} {pct(times, 95):.2f} {pct(times, 99):.2f} {len(times)}")


main()
