-- The activity log joins the organization's revision (see the SQLite migration 0016 of the same
-- name): the server keeps the list answers per organization and revision, the activities' pages
-- among them, and the retention's deletions change their totals.
CREATE TRIGGER org_revision_follow AFTER INSERT OR DELETE ON activities
    FOR EACH ROW EXECUTE FUNCTION org_revision_follow();

-- The users search (a substring of the name or address, `LIKE '%…%'`) reads trigram indexes
-- instead of scanning every member. pg_trgm ships with PostgreSQL and is trusted: the database's
-- owner may enable it. Without `fastupdate`, a new account goes straight into the index: a pending
-- list (the default) is read whole by every search until a vacuum merges it, which after a bulk of
-- new accounts made each search 25 times slower.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX users_name_trigrams ON users USING gin (lower(firstname || ' ' || lastname) gin_trgm_ops)
    WITH (fastupdate = off);
CREATE INDEX users_email_trigrams ON users USING gin (lower(email) gin_trgm_ops) WITH (fastupdate = off);
