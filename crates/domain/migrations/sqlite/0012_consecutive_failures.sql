-- Consecutive failures of each sign-in factor of an account, from whatever address: only a success
-- clears them. At the limit the factor is refused until the person proves themselves by a link
-- mailed to the account (an unlock link: only its SHA-256 is kept).
ALTER TABLE users ADD COLUMN password_failures INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN code_failures INTEGER NOT NULL DEFAULT 0;

CREATE TABLE unlock_links (
    token_hash TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    factor     TEXT NOT NULL CHECK (factor IN ('password', 'code')),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at    TEXT
);
CREATE INDEX unlock_links_by_user ON unlock_links (user_id, factor);
