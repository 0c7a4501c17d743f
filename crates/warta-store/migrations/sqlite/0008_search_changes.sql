-- Warta schema v8 (SQLite): the search change log that every instance's tantivy index
-- (warta-search) catches up from, replacing the FTS5 table of v3.
--
-- Triggers write one row per change to an article in the same transaction as the change, so
-- no code path can forget it and a crash between the database write and the index write is
-- repaired when the indexer next catches up. Tag, author and term changes of an article
-- always update the article row too (revision, updated_at), so they are covered.
CREATE TABLE search_changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    article_id BIGINT NOT NULL,
    -- Epoch ms.
    changed_at BIGINT NOT NULL
);
CREATE INDEX search_changes_by_time ON search_changes(changed_at);

CREATE TRIGGER search_changes_insert AFTER INSERT ON articles BEGIN
    INSERT INTO search_changes (article_id, changed_at)
    VALUES (new.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
CREATE TRIGGER search_changes_update AFTER UPDATE ON articles BEGIN
    INSERT INTO search_changes (article_id, changed_at)
    VALUES (new.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
CREATE TRIGGER search_changes_delete AFTER DELETE ON articles BEGIN
    INSERT INTO search_changes (article_id, changed_at)
    VALUES (old.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;

-- The v3 full-text table is no longer read or written. It stays until a later migration
-- (expand/contract: an older instance still running during an upgrade keeps saving into it).
