-- "Require SSO": password sign-in and password reset are refused for addresses at the
-- organization's verified domains (owners keep their password, as a way in when the identity
-- provider fails).
ALTER TABLE orgs ADD COLUMN sso_required INTEGER NOT NULL DEFAULT 0;
