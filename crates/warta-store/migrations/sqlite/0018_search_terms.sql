-- Warta schema v18 (SQLite): renaming a rubrik, tag, topic or author reindexes the published
-- articles that carry it, and the v3 full-text table goes (contract step of v8).
--
-- The search index holds each article's rubrik, tag, topic and author names; a rename
-- changes no article row, so the triggers of v8 do not see it. These write the articles'
-- change-log rows in the rename's own transaction, as v8's do for article changes.
CREATE TRIGGER search_changes_rubrik_name AFTER UPDATE OF name ON rubriks
WHEN new.name IS NOT old.name BEGIN
    INSERT INTO search_changes (article_id, changed_at)
    SELECT id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)
    FROM articles WHERE rubrik_id = new.id AND status = 'published';
END;
CREATE TRIGGER search_changes_topic_name AFTER UPDATE OF name ON topics
WHEN new.name IS NOT old.name BEGIN
    INSERT INTO search_changes (article_id, changed_at)
    SELECT id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)
    FROM articles WHERE topic_id = new.id AND status = 'published';
END;
CREATE TRIGGER search_changes_tag_name AFTER UPDATE OF name ON tags
WHEN new.name IS NOT old.name BEGIN
    INSERT INTO search_changes (article_id, changed_at)
    SELECT a.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)
    FROM article_tags t JOIN articles a ON a.id = t.article_id
    WHERE t.tag_id = new.id AND a.status = 'published';
END;
CREATE TRIGGER search_changes_author_name AFTER UPDATE OF name ON users
WHEN new.name IS NOT old.name BEGIN
    INSERT INTO search_changes (article_id, changed_at)
    SELECT a.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)
    FROM article_authors w JOIN articles a ON a.id = w.article_id
    WHERE w.user_id = new.id AND a.status = 'published';
END;

-- Nothing has read or written the v3 FTS5 table since v8.
DROP TRIGGER IF EXISTS article_fts_delete;
DROP TABLE IF EXISTS article_fts;
