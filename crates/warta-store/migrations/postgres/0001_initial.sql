-- Warta schema v1 (PostgreSQL). Times are UTC epoch milliseconds (BIGINT), flags INTEGER 0/1,
-- JSON as TEXT: the column types that sqlx's Any driver decodes on both backends.
CREATE TABLE users (
    id BIGSERIAL PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    slug TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    bio TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);

CREATE TABLE api_tokens (
    id BIGSERIAL PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL
);

CREATE TABLE rubriks (
    id BIGSERIAL PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    position BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE tags (
    id BIGSERIAL PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL
);

CREATE TABLE topics (
    id BIGSERIAL PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT ''
);

CREATE TABLE media (
    id BIGSERIAL PRIMARY KEY,
    original_key TEXT NOT NULL,
    mime TEXT NOT NULL,
    width BIGINT NOT NULL,
    height BIGINT NOT NULL,
    variants TEXT NOT NULL,
    caption TEXT NOT NULL DEFAULT '',
    credit TEXT NOT NULL DEFAULT '',
    alt TEXT NOT NULL DEFAULT '',
    uploaded_by BIGINT REFERENCES users(id),
    created_at BIGINT NOT NULL
);

CREATE TABLE articles (
    id BIGSERIAL PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    headline TEXT NOT NULL,
    dek TEXT NOT NULL DEFAULT '',
    rubrik_id BIGINT NOT NULL REFERENCES rubriks(id),
    topic_id BIGINT REFERENCES topics(id),
    dateline TEXT NOT NULL DEFAULT '',
    signoff TEXT NOT NULL DEFAULT '',
    sources TEXT NOT NULL DEFAULT '[]',
    hero_media_id BIGINT REFERENCES media(id),
    hero_caption TEXT NOT NULL DEFAULT '',
    hero_credit TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL DEFAULT '[]',
    status TEXT NOT NULL,
    published_at BIGINT,
    created_by BIGINT NOT NULL REFERENCES users(id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    revision BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX articles_by_status_time ON articles(status, published_at DESC);
CREATE INDEX articles_by_rubrik ON articles(rubrik_id, status, published_at DESC);
CREATE INDEX articles_by_topic ON articles(topic_id, status, published_at DESC);

CREATE TABLE article_tags (
    article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    tag_id BIGINT NOT NULL REFERENCES tags(id),
    position BIGINT NOT NULL,
    PRIMARY KEY (article_id, tag_id)
);
CREATE INDEX article_tags_by_tag ON article_tags(tag_id, article_id);

CREATE TABLE article_authors (
    article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id),
    position BIGINT NOT NULL,
    PRIMARY KEY (article_id, user_id)
);
CREATE INDEX article_authors_by_user ON article_authors(user_id, article_id);

CREATE TABLE slug_redirects (
    slug TEXT PRIMARY KEY,
    article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE
);

CREATE TABLE revisions (
    id BIGSERIAL PRIMARY KEY,
    article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    revision BIGINT NOT NULL,
    snapshot TEXT NOT NULL,
    author_id BIGINT NOT NULL REFERENCES users(id),
    created_at BIGINT NOT NULL,
    UNIQUE (article_id, revision)
);
