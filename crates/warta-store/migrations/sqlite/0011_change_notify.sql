-- PostgreSQL notifies other instances of changes (its 0011). SQLite has one machine's file and
-- no notifications: servers poll the change log. Kept so both backends number alike.
SELECT 1;
