#!/usr/bin/env python3
"""Load generated articles (gen-articles.py JSON lines) straight into a migrated Warta SQLite
database, published, for the search benchmark (bench/search.sh): a million articles through
the API would take hours; the search index is then built from the database by
`warta reindex`, which is what is measured. Also builds the FTS5 baseline database over the
same text (headline, dek, body; the schema Warta used before its tantivy index).

Usage: search-load.py --db DATA/warta.db --articles FILE --fts FTS.db
"""

import argparse
import datetime as dt
import json
import re
import sqlite3
import time


def slugify(s):
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-") or "x"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--articles", required=True)
    ap.add_argument("--fts", required=True)
    a = ap.parse_args()
    db = sqlite3.connect(a.db)
    fts = sqlite3.connect(a.fts)
    fts.execute("CREATE VIRTUAL TABLE IF NOT EXISTS article_fts USING fts5("
                "headline, dek, body, tokenize = 'unicode61 remove_diacritics 2')")
    now = int(time.time() * 1000)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=OFF")
    cur = db.cursor()
    cur.execute("INSERT OR IGNORE INTO users (email, name, slug, role, password_hash, created_at) "
                "VALUES ('bench@warta.test', 'Redaksi Bench', 'redaksi-bench', 'editor', '!', ?)", (now,))
    user = cur.execute("SELECT id FROM users WHERE email = 'bench@warta.test'").fetchone()[0]
    ids = {"rubriks": {}, "tags": {}}

    def term(table, name):
        got = ids[table].get(name)
        if got is None:
            slug = slugify(name)
            cur.execute(f"INSERT OR IGNORE INTO {table} (slug, name) VALUES (?, ?)", (slug, name))
            got = cur.execute(f"SELECT id FROM {table} WHERE slug = ?", (slug,)).fetchone()[0]
            ids[table][name] = got
        return got

    n = 0
    started = time.time()
    with open(a.articles, encoding="utf-8") as f:
        for line in f:
            art = json.loads(line)
            at = int(dt.datetime.fromisoformat(art["published_at"]).timestamp() * 1000)
            body = [{"type": "paragraph", "text": p} for p in art["body"]]
            cur.execute(
                "INSERT INTO articles (slug, headline, dek, rubrik_id, dateline, signoff, body, status,"
                " published_at, created_by, created_at, updated_at, revision, updated_by)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, 'published', ?, ?, ?, ?, 1, ?)",
                (f"{slugify(art['headline'])[:60]}-{art['i']}", art["headline"], art["dek"],
                 term("rubriks", art["rubrik"]), art["dateline"], art["signoff"],
                 json.dumps(body, ensure_ascii=False), at, user, at, at, user))
            aid = cur.lastrowid
            for pos, t in enumerate(dict.fromkeys(art["tags"])):
                cur.execute("INSERT INTO article_tags (article_id, tag_id, position) VALUES (?, ?, ?)",
                            (aid, term("tags", t), pos))
            cur.execute("INSERT INTO article_authors (article_id, user_id, position) VALUES (?, ?, 0)",
                        (aid, user))
            fts.execute("INSERT INTO article_fts (rowid, headline, dek, body) VALUES (?, ?, ?, ?)",
                        (aid, art["headline"], art["dek"], "\n".join(art["body"])))
            n += 1
            if n % 50_000 == 0:
                db.commit()
                fts.commit()
    db.commit()
    fts.commit()
    print(f"{n} articles loaded in {time.time() - started:.0f} s")


main()
