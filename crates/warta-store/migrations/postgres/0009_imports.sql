-- Warta schema v9 (PostgreSQL): imports from other systems. Expand only: new tables that an older
-- binary never reads.
-- What an import made of each source item: rerunning an import looks items up here and skips
-- them, so it changes nothing and only adds what is new. `source` names the old site
-- (its address), `kind` the item kind (post, page, attachment, author, category, tag).
CREATE TABLE import_items (
    source TEXT NOT NULL,
    kind TEXT NOT NULL,
    source_id TEXT NOT NULL,
    warta_id BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (source, kind, source_id)
);
-- Old addresses (path and query, without the host, no trailing slash) that answer 301 to
-- `target`, a Warta path (`/berita/slug`; a later slug change answers its own 301).
-- `target_kind` is article, rubrik, tag or author and `target_id` its id.
CREATE TABLE old_paths (
    path TEXT PRIMARY KEY,
    target TEXT NOT NULL,
    target_kind TEXT NOT NULL,
    target_id BIGINT NOT NULL
);
