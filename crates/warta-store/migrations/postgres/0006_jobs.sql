-- Warta schema v6 (PostgreSQL): the durable job queue that warta-jobs' runner works through.
-- Expand only: an older binary ignores the table.

-- One row per job still to run (done jobs are deleted) or given up on (kept, failed_at set,
-- for inspection). A worker claims a row by setting locked_by/locked_at; a lock older than
-- the lease (the worker died) may be claimed again, so jobs must be idempotent.
CREATE TABLE jobs (
    id BIGSERIAL PRIMARY KEY,
    kind TEXT NOT NULL,
    -- The job's arguments as JSON.
    payload TEXT NOT NULL DEFAULT '{}',
    -- Epoch ms: not claimed before then.
    run_at BIGINT NOT NULL,
    -- Claims so far (counted when claimed, so a job that kills its worker still runs out).
    attempts BIGINT NOT NULL DEFAULT 0,
    max_attempts BIGINT NOT NULL DEFAULT 5,
    last_error TEXT,
    locked_by TEXT,
    locked_at BIGINT,
    failed_at BIGINT,
    created_at BIGINT NOT NULL,
    -- A key such as 'avif:7': at most one job per key is waiting or running.
    dedupe TEXT
);
CREATE INDEX jobs_due ON jobs(run_at) WHERE failed_at IS NULL;
CREATE UNIQUE INDEX jobs_dedupe ON jobs(dedupe) WHERE dedupe IS NOT NULL AND failed_at IS NULL;

-- Photos waiting for AVIF variants under the old in-memory encoder become jobs.
INSERT INTO jobs (kind, payload, run_at, created_at, dedupe)
SELECT 'avif', '{"media_id":' || CAST(id AS TEXT) || '}', 0, 0, 'avif:' || CAST(id AS TEXT)
FROM media WHERE avif_pending = 1;
