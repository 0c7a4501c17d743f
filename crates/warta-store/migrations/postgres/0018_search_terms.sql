-- Warta schema v18 (PostgreSQL): renaming a rubrik, tag, topic or author reindexes the
-- published articles that carry it, and the v3 tsvector table goes (contract step of v8).
--
-- The search index holds each article's rubrik, tag, topic and author names; a rename
-- changes no article row, so the trigger of v8 does not see it. This writes the articles'
-- change-log rows in the rename's own transaction, as v8's does for article changes.
CREATE FUNCTION search_changes_term_renamed() RETURNS trigger AS $$
DECLARE
    now_ms BIGINT := (extract(epoch FROM clock_timestamp()) * 1000)::BIGINT;
BEGIN
    IF NEW.name IS NOT DISTINCT FROM OLD.name THEN
        RETURN NULL;
    END IF;
    IF TG_TABLE_NAME = 'rubriks' THEN
        INSERT INTO search_changes (article_id, changed_at)
        SELECT id, now_ms FROM articles WHERE rubrik_id = NEW.id AND status = 'published';
    ELSIF TG_TABLE_NAME = 'topics' THEN
        INSERT INTO search_changes (article_id, changed_at)
        SELECT id, now_ms FROM articles WHERE topic_id = NEW.id AND status = 'published';
    ELSIF TG_TABLE_NAME = 'tags' THEN
        INSERT INTO search_changes (article_id, changed_at)
        SELECT a.id, now_ms FROM article_tags t JOIN articles a ON a.id = t.article_id
        WHERE t.tag_id = NEW.id AND a.status = 'published';
    ELSE
        INSERT INTO search_changes (article_id, changed_at)
        SELECT a.id, now_ms FROM article_authors w JOIN articles a ON a.id = w.article_id
        WHERE w.user_id = NEW.id AND a.status = 'published';
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER search_changes_rubrik_name AFTER UPDATE OF name ON rubriks
    FOR EACH ROW EXECUTE FUNCTION search_changes_term_renamed();
CREATE TRIGGER search_changes_topic_name AFTER UPDATE OF name ON topics
    FOR EACH ROW EXECUTE FUNCTION search_changes_term_renamed();
CREATE TRIGGER search_changes_tag_name AFTER UPDATE OF name ON tags
    FOR EACH ROW EXECUTE FUNCTION search_changes_term_renamed();
CREATE TRIGGER search_changes_author_name AFTER UPDATE OF name ON users
    FOR EACH ROW EXECUTE FUNCTION search_changes_term_renamed();

-- Nothing has read or written the v3 table since v8.
DROP TABLE IF EXISTS article_search;
