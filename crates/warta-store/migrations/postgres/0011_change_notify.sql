-- Every audit record is a content change: tell the other instances at commit, so their page
-- caches and search indexes read the change log at once (see src/notify.rs). One notification
-- per statement; PostgreSQL folds identical ones of a transaction into one.
CREATE FUNCTION warta_notify_change() RETURNS trigger AS $$
BEGIN
    PERFORM pg_notify('warta_changes', '');
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_log_notify AFTER INSERT ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION warta_notify_change();
