-- SCIM 2.0 provisioning: the organization's identity provider creates, changes, suspends and
-- removes its people.

-- The organization's SCIM bearer token, kept as its SHA-256: shown once, replaced by generating
-- another, gone when revoked.
CREATE TABLE scim_tokens (
    org_id       INTEGER PRIMARY KEY REFERENCES orgs(id) ON DELETE CASCADE,
    token_hash   TEXT NOT NULL UNIQUE,
    created_by   INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at   TEXT NOT NULL,
    last_used_at TEXT
);

-- What the identity provider calls a person of the organization, beyond the account itself:
-- its userName (unique in the organization, in any case), its externalId, and the type of the
-- address and whether it is the primary one, as the provider said. A person without a row is known by their address.
CREATE TABLE scim_users (
    user_id     INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    org_id      INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    user_name   TEXT NOT NULL,
    -- userName in lower case: what uniqueness compares.
    user_name_key TEXT NOT NULL,
    external_id TEXT,
    email_type  TEXT,
    email_primary INTEGER NOT NULL DEFAULT 1,
    updated_at  TEXT NOT NULL
);
CREATE UNIQUE INDEX scim_users_by_name ON scim_users (org_id, user_name_key);
CREATE INDEX scim_users_by_external_id ON scim_users (org_id, external_id);
