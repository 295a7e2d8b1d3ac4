-- The activity log joins the organization's revision (see the SQLite migration 0016 of the same
-- name): the server keeps the list answers per organization and revision, the activities' pages
-- among them, and the retention's deletions change their totals.
CREATE TRIGGER org_revision_follow AFTER INSERT OR DELETE ON activities
    FOR EACH ROW EXECUTE FUNCTION org_revision_follow();

-- The users search (a substring of the name or address, `LIKE '%…%'`) reads trigram indexes
-- instead of scanning every member. pg_trgm ships with PostgreSQL and is trusted: the database's
-- owner may enable it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX users_name_trigrams ON users USING gin (lower(firstname || ' ' || lastname) gin_trgm_ops);
CREATE INDEX users_email_trigrams ON users USING gin (lower(email) gin_trgm_ops);
