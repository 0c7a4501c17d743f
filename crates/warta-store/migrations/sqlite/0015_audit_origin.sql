-- Which open store wrote each audit record, so that a server following the change log skips
-- the changes it made itself (it applied them already). Old rows have none: everyone reads them.
ALTER TABLE audit_log ADD COLUMN origin TEXT NOT NULL DEFAULT '';
