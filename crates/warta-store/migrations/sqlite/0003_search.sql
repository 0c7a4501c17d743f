-- Warta schema v3 (SQLite): full-text search over headline, dek and body text (FTS5, built
-- into SQLite). Rows are written by the store on every save (rowid = article id); articles
-- saved before this migration are indexed by `Store::migrate` on the next start.
CREATE VIRTUAL TABLE article_fts USING fts5(
    headline, dek, body,
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER article_fts_delete AFTER DELETE ON articles BEGIN
    DELETE FROM article_fts WHERE rowid = old.id;
END;
