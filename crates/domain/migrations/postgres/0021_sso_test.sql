-- "Test connection": a sign-in an owner or admin sends to the identity provider to see what comes
-- back. Its attempt names who tests (nobody is signed in by it); what came back is kept ten
-- minutes for them alone, found by a one-time code's SHA-256.
ALTER TABLE sso_logins ADD COLUMN tester_id BIGINT REFERENCES users(id) ON DELETE CASCADE;

CREATE TABLE sso_tests (
    code_hash  TEXT PRIMARY KEY,
    org_id     BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    tester_id  BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    result     TEXT NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX sso_tests_by_expiry ON sso_tests (expires_at);
