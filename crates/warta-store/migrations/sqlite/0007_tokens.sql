-- Warta schema v7 (SQLite): API tokens with a name and a last-use time, and accounts that an
-- admin can disable. Expand only: older tokens get an empty name and no last use, every
-- account stays enabled, and an older binary keeps working on the new schema.
ALTER TABLE api_tokens ADD COLUMN name TEXT NOT NULL DEFAULT '';
-- Written at most once a minute per token (not on every request).
ALTER TABLE api_tokens ADD COLUMN last_used_at BIGINT;
CREATE INDEX api_tokens_by_user ON api_tokens(user_id);
-- When an admin disabled the account; NULL while it may sign in.
ALTER TABLE users ADD COLUMN disabled_at BIGINT;
