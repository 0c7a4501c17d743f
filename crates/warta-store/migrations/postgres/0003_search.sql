-- Warta schema v3 (PostgreSQL): full-text search over headline (weight A), dek (B) and body
-- text (D) with the 'simple' configuration (lower-cased words, no stemming, as on SQLite).
-- Rows are written by the store on every save; articles saved before this migration are
-- indexed by `Store::migrate` on the next start.
CREATE TABLE article_search (
    article_id BIGINT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    doc tsvector NOT NULL
);
CREATE INDEX article_search_doc ON article_search USING GIN (doc);
