-- A published or scheduled article's unpublished changes ("pending version"): saved by the
-- editor's autosave and "Simpan", shown to nobody outside the newsroom until an editor applies
-- them ("Perbarui") or discards them. One per article; every save of it is also a revision.
CREATE TABLE article_pending (
    article_id BIGINT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    revision BIGINT NOT NULL,
    snapshot TEXT NOT NULL,
    by_user BIGINT NOT NULL REFERENCES users(id),
    updated_at BIGINT NOT NULL,
    -- Set when a writer (who may not publish) saved it: it waits in the review queue.
    submitted_at BIGINT
);
