-- SAML 2.0 beside OpenID Connect: an organization's one identity provider speaks either. For
-- SAML, `issuer` is the identity provider's entity ID, `sso_url` where sign-in requests go (the
-- HTTP-Redirect binding), `certificates` its signing certificates (base64 DER, one a line) and
-- `certificate_info` what the tab shows of them (JSON: subject, fingerprint, expiry); `client_id`
-- and `client_secret` are empty.
ALTER TABLE sso_connections DROP CONSTRAINT sso_connections_protocol_check;
ALTER TABLE sso_connections ADD CONSTRAINT sso_connections_protocol_check CHECK (protocol IN ('oidc', 'saml'));
ALTER TABLE sso_connections ADD COLUMN sso_url TEXT NOT NULL DEFAULT '';
ALTER TABLE sso_connections ADD COLUMN certificates TEXT NOT NULL DEFAULT '';
ALTER TABLE sso_connections ADD COLUMN certificate_info TEXT NOT NULL DEFAULT '[]';

-- The assertions a SAML identity provider has signed people in with, kept until they expire: the
-- same assertion posted again is a replay and is refused.
CREATE TABLE saml_assertions (
    org_id       BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    assertion_id TEXT NOT NULL,
    expires_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (org_id, assertion_id)
);
CREATE INDEX saml_assertions_by_expiry ON saml_assertions (expires_at);
