-- SSO & Provisioning, first part: the organization's SSO identifier (what people type at "Sign in
-- with SSO"; the slug until changed) and the domains it proves with a DNS TXT record.
ALTER TABLE orgs ADD COLUMN sso_identifier TEXT;
UPDATE orgs SET sso_identifier = slug;
CREATE UNIQUE INDEX orgs_by_sso_identifier ON orgs (sso_identifier);

CREATE TABLE sso_domains (
    id          INTEGER PRIMARY KEY,
    org_id      INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    domain      TEXT NOT NULL,
    -- The TXT record's value: random, and never changed (publishing it again is not needed).
    token       TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    verified_at TEXT,
    checked_at  TEXT,
    lost_at     TEXT,
    UNIQUE (org_id, domain)
);
-- A domain is verified for one organization at a time: the second "Verify" is refused here.
CREATE UNIQUE INDEX sso_domains_verified_once ON sso_domains (domain) WHERE verified_at IS NOT NULL;
-- The daily re-check reads verified domains by when they were last checked.
CREATE INDEX sso_domains_to_recheck ON sso_domains (checked_at) WHERE verified_at IS NOT NULL;
