-- Agency wire ingest ("Masuk"): the feeds polled by the job runner and the items they brought.
-- A feed of kind 'folder' is the NewsML-G2 drop folder (setting wire_dir).
CREATE TABLE wire_feeds (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    agency TEXT NOT NULL,
    url TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    interval_minutes BIGINT NOT NULL,
    etag TEXT,
    last_modified TEXT,
    next_poll_at BIGINT NOT NULL,
    last_polled_at BIGINT,
    last_ok_at BIGINT,
    last_error TEXT,
    last_error_at BIGINT,
    error_count BIGINT NOT NULL DEFAULT 0,
    created_by BIGINT REFERENCES users(id),
    created_at BIGINT NOT NULL
);

CREATE TABLE wire_items (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    feed_id BIGINT NOT NULL REFERENCES wire_feeds(id) ON DELETE CASCADE,
    guid TEXT NOT NULL,
    headline TEXT NOT NULL,
    body TEXT NOT NULL,
    excerpt TEXT NOT NULL,
    link TEXT,
    agency TEXT NOT NULL,
    published_at BIGINT NOT NULL,
    received_at BIGINT NOT NULL,
    -- MinHash of the normalised text's word pairs (hex), for near-duplicates across feeds.
    fingerprint TEXT NOT NULL,
    duplicate_of BIGINT REFERENCES wire_items(id) ON DELETE SET NULL,
    photo_url TEXT,
    photo_caption TEXT NOT NULL DEFAULT '',
    photo_credit TEXT NOT NULL DEFAULT '',
    photo_mime TEXT,
    photo_bytes BLOB,
    article_id BIGINT REFERENCES articles(id) ON DELETE SET NULL
);
CREATE UNIQUE INDEX wire_items_guid ON wire_items (feed_id, guid);
CREATE INDEX wire_items_newest ON wire_items (published_at, id);
CREATE INDEX wire_items_received ON wire_items (received_at);
CREATE INDEX wire_items_article ON wire_items (article_id);
