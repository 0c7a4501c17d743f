-- Warta schema v10 (sqlite): the curated front page. Expand only: an older binary ignores these
-- tables and keeps showing the newest stories.

-- "Berita Utama" (slot 'headline', 1-5) and "Pilihan Redaksi" (slot 'picks', up to 8), in
-- order. A story pinned until a time leaves its place then (NULL: until an editor moves it).
-- Reading skips stories that are not published, so an unpublished one drops out at once.
CREATE TABLE home_slots (
    slot TEXT NOT NULL,
    position BIGINT NOT NULL,
    article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    until BIGINT,
    PRIMARY KEY (slot, position)
);

-- The per-rubrik sections below the top of the page, in the order editors set.
CREATE TABLE home_sections (
    position BIGINT PRIMARY KEY,
    rubrik_id BIGINT NOT NULL REFERENCES rubriks(id) ON DELETE CASCADE
);

-- The breaking-news bar: at most one row (id = 1), shown until 'until' (epoch ms).
CREATE TABLE home_breaking (
    id BIGINT PRIMARY KEY,
    text TEXT NOT NULL,
    article_id BIGINT REFERENCES articles(id) ON DELETE SET NULL,
    until BIGINT NOT NULL
);

-- Page views ("Terpopuler"), counted in memory by each instance and added here every few
-- seconds: one row per article and hour (epoch ms / 3,600,000). Several instances add their
-- increments to the same rows.
CREATE TABLE article_views (
    article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    hour BIGINT NOT NULL,
    views BIGINT NOT NULL,
    PRIMARY KEY (article_id, hour)
);
CREATE INDEX article_views_by_hour ON article_views(hour);

-- Why an article was taken down (`POST /api/v1/articles/{id}/unpublish` with a reason), shown
-- on its 410 page as the press council's guideline asks.
CREATE TABLE takedowns (
    article_id BIGINT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    reason TEXT NOT NULL,
    at BIGINT NOT NULL
);
