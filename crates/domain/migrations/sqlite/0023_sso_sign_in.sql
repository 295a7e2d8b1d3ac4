-- Signing in through the organization's identity provider (OpenID Connect for now).

-- The role people get when single sign-on brings them into the organization for the first time.
ALTER TABLE orgs ADD COLUMN sso_default_role TEXT NOT NULL DEFAULT 'member' CHECK (sso_default_role IN ('admin', 'member'));

-- The organization's identity provider. The client secret is sealed with the secret keys (it must
-- be read back to redeem codes).
CREATE TABLE sso_connections (
    org_id        INTEGER PRIMARY KEY REFERENCES orgs(id) ON DELETE CASCADE,
    protocol      TEXT NOT NULL CHECK (protocol IN ('oidc')),
    issuer        TEXT NOT NULL,
    client_id     TEXT NOT NULL,
    client_secret TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);

-- A sign-in sent to the identity provider and not back yet: found by its state (kept as its
-- SHA-256), used once, for ten minutes. The PKCE verifier is sealed.
CREATE TABLE sso_logins (
    state_hash    TEXT PRIMARY KEY,
    org_id        INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    nonce         TEXT NOT NULL,
    pkce_verifier TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    expires_at    TEXT NOT NULL
);
CREATE INDEX sso_logins_by_expiry ON sso_logins (expires_at);

-- Who an identity provider's subject is here: linked on their first sign-in through it.
CREATE TABLE sso_identities (
    org_id     INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    issuer     TEXT NOT NULL,
    subject    TEXT NOT NULL,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    PRIMARY KEY (org_id, issuer, subject)
);

-- The one-time code the app trades for a session after the identity provider sent the person
-- back (kept as its SHA-256; two minutes, once).
CREATE TABLE sso_handoffs (
    code_hash  TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    expires_at TEXT NOT NULL
);

-- A session opened by single sign-on: the organization's two-factor rule counts as met by it.
ALTER TABLE sessions ADD COLUMN via_sso INTEGER NOT NULL DEFAULT 0;
