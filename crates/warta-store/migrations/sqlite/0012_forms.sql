-- Warta schema v12 (sqlite): story forms and the outlet's own pages. Expand only: an older binary
-- ignores the new columns and table (and shows every kind as news).

-- 'news' (default), 'factcheck', 'advertorial' or 'page' (the outlet's own pages at
-- /halaman/{slug}, left out of feeds, lists, the news sitemap and search).
ALTER TABLE articles ADD COLUMN kind TEXT NOT NULL DEFAULT 'news';
-- A factcheck's claim, claimant, where it appeared, verdict and references, as JSON; '' when
-- the article carries none.
ALTER TABLE articles ADD COLUMN fact_check TEXT NOT NULL DEFAULT '';
CREATE INDEX articles_by_kind ON articles(kind, status);

-- Hak jawab: a right-of-reply note attached to an article by an editor, either a text from
-- someone (from_whom) or a link to a separate article that is the reply (reply_article_id;
-- then the reply links back). Shown on the article with its time, as the press council's
-- guideline asks.
CREATE TABLE replies (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    from_whom TEXT NOT NULL,
    text TEXT NOT NULL DEFAULT '',
    reply_article_id BIGINT REFERENCES articles(id) ON DELETE CASCADE,
    created_by BIGINT REFERENCES users(id),
    created_at BIGINT NOT NULL
);
CREATE INDEX replies_by_article ON replies(article_id, created_at);
CREATE INDEX replies_by_reply_article ON replies(reply_article_id);
