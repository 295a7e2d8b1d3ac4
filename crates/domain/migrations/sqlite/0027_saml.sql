-- SAML 2.0 beside OpenID Connect: an organization's one identity provider speaks either. For
-- SAML, `issuer` is the identity provider's entity ID, `sso_url` where sign-in requests go (the
-- HTTP-Redirect binding), `certificates` its signing certificates (base64 DER, one a line) and
-- `certificate_info` what the tab shows of them (JSON: subject, fingerprint, expiry); `client_id`
-- and `client_secret` are empty. SQLite changes a CHECK only by copying the table.
CREATE TABLE sso_connections_next (
    org_id        INTEGER PRIMARY KEY REFERENCES orgs(id) ON DELETE CASCADE,
    protocol      TEXT NOT NULL CHECK (protocol IN ('oidc', 'saml')),
    issuer        TEXT NOT NULL,
    client_id     TEXT NOT NULL,
    client_secret TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    sso_url       TEXT NOT NULL DEFAULT '',
    certificates  TEXT NOT NULL DEFAULT '',
    certificate_info TEXT NOT NULL DEFAULT '[]'
);
INSERT INTO sso_connections_next (org_id, protocol, issuer, client_id, client_secret, updated_at)
    SELECT org_id, protocol, issuer, client_id, client_secret, updated_at FROM sso_connections;
DROP TABLE sso_connections;
ALTER TABLE sso_connections_next RENAME TO sso_connections;

-- The assertions a SAML identity provider has signed people in with, kept until they expire: the
-- same assertion posted again is a replay and is refused.
CREATE TABLE saml_assertions (
    org_id       INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    assertion_id TEXT NOT NULL,
    expires_at   TEXT NOT NULL,
    PRIMARY KEY (org_id, assertion_id)
);
CREATE INDEX saml_assertions_by_expiry ON saml_assertions (expires_at);
