-- Outbound mail, written in the same transaction as the change that causes it and delivered by
-- the sender task at least once. The bodies (which carry links with codes) are blanked once sent.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    org_id          INTEGER REFERENCES orgs(id) ON DELETE CASCADE,
    -- What the mail is about: 'invitation' (subject_id = the invitation) or 'password_reset'
    -- (subject_id = the user).
    kind            TEXT NOT NULL,
    subject_id      INTEGER,
    recipient       TEXT NOT NULL,
    -- The display name of the sender: the organization's app name.
    sender_name     TEXT NOT NULL,
    subject         TEXT NOT NULL,
    text_body       TEXT NOT NULL,
    html_body       TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    -- A sender working on it holds it until then; another may take it after.
    claimed_until   TEXT,
    last_error      TEXT,
    created_at      TEXT NOT NULL,
    sent_at         TEXT
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_by_subject ON outbox (kind, subject_id);

-- Password reset links: only the SHA-256 of the token, single use, short-lived.
CREATE TABLE password_resets (
    token_hash TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at    TEXT
);
CREATE INDEX password_resets_by_user ON password_resets (user_id);

-- Two-factor sign-in (TOTP, RFC 6238). The secret being set up is kept apart until a code proves
-- the authenticator has it; the last accepted time step refuses a code used before.
ALTER TABLE users ADD COLUMN totp_secret TEXT;
ALTER TABLE users ADD COLUMN totp_pending_secret TEXT;
ALTER TABLE users ADD COLUMN totp_enabled_at TEXT;
ALTER TABLE users ADD COLUMN totp_last_step INTEGER NOT NULL DEFAULT 0;

-- Recovery codes, each usable once, stored as SHA-256 (they are long random strings).
CREATE TABLE recovery_codes (
    user_id   INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL,
    used_at   TEXT,
    PRIMARY KEY (user_id, code_hash)
) WITHOUT ROWID;

-- A session opened by a password while a second factor is still owed opens nothing until the
-- code is given.
ALTER TABLE sessions ADD COLUMN stage TEXT NOT NULL DEFAULT 'full' CHECK (stage IN ('full', 'two_factor'));
