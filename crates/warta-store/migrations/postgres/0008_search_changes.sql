-- Warta schema v8 (PostgreSQL): the search change log that every instance's tantivy index
-- (warta-search) catches up from, replacing the tsvector table of v3.
--
-- Triggers write one row per change to an article in the same transaction as the change, so
-- no code path can forget it and a crash between the database write and the index write is
-- repaired when the indexer next catches up. Tag, author and term changes of an article
-- always update the article row too (revision, updated_at), so they are covered.
CREATE TABLE search_changes (
    seq BIGSERIAL PRIMARY KEY,
    article_id BIGINT NOT NULL,
    -- Epoch ms.
    changed_at BIGINT NOT NULL
);
CREATE INDEX search_changes_by_time ON search_changes(changed_at);

CREATE FUNCTION search_changes_log() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        INSERT INTO search_changes (article_id, changed_at)
        VALUES (OLD.id, (extract(epoch FROM clock_timestamp()) * 1000)::BIGINT);
    ELSE
        INSERT INTO search_changes (article_id, changed_at)
        VALUES (NEW.id, (extract(epoch FROM clock_timestamp()) * 1000)::BIGINT);
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER search_changes_articles AFTER INSERT OR UPDATE OR DELETE ON articles
    FOR EACH ROW EXECUTE FUNCTION search_changes_log();

-- The v3 full-text table is no longer read or written. It stays until a later migration
-- (expand/contract: an older instance still running during an upgrade keeps saving into it).
