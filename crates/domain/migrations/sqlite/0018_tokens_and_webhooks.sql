-- Personal access tokens for the Management API, and webhook endpoints that receive the activity
-- log. A token is kept only as its SHA-256; a webhook secret is sealed with the secret keys (it
-- must be read back to sign each delivery).
CREATE TABLE access_tokens (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    org_id       INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    -- The role its owner held when making it: the token works only while they hold it or more.
    made_as      TEXT NOT NULL CHECK (made_as IN ('owner', 'admin', 'member')),
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    -- The first characters of the token, shown in lists so a person can tell theirs apart.
    prefix       TEXT NOT NULL,
    -- Comma-separated scopes: read, users, spaces, settings.
    scopes       TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    expires_at   TEXT,
    last_used_at TEXT,
    last_used_ip TEXT,
    revoked_at   TEXT
);
CREATE INDEX access_tokens_by_org ON access_tokens (org_id, id);
CREATE INDEX access_tokens_by_user ON access_tokens (user_id, id);

-- The token an activity was done with, by name and id ("CI deploy #4"); none for a browser session.
ALTER TABLE activities ADD COLUMN access_token TEXT;

CREATE TABLE webhook_endpoints (
    id               INTEGER PRIMARY KEY,
    org_id           INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    url              TEXT NOT NULL,
    description      TEXT NOT NULL,
    -- '*' for every activity, or the activity keys between commas: ',space.create,org_user.update,'.
    events           TEXT NOT NULL,
    secret           TEXT NOT NULL,
    -- After "Roll secret" the previous secret still signs until then.
    previous_secret  TEXT,
    previous_until   TEXT,
    created_at       TEXT NOT NULL,
    -- Since when every delivery has failed (none while the last one succeeded).
    failing_since    TEXT,
    disabled_at      TEXT
);
CREATE INDEX webhook_endpoints_by_org ON webhook_endpoints (org_id);

-- The webhook outbox and its log: a row per delivery, written in the transaction of the activity
-- it carries, sent in order per endpoint by the server's webhook sender.
CREATE TABLE webhook_deliveries (
    id               INTEGER PRIMARY KEY,
    endpoint_id      INTEGER NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
    -- The activity it carries; none for a test event.
    activity_id      INTEGER REFERENCES activities(id) ON DELETE SET NULL,
    event            TEXT NOT NULL,
    status           TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  TEXT NOT NULL,
    claimed_until    TEXT,
    -- The last try: the receiver's status (none when it could not be reached), how long it took,
    -- and the start of its answer or of the error.
    response_status  INTEGER,
    duration_ms      INTEGER,
    response_excerpt TEXT,
    created_at       TEXT NOT NULL,
    attempted_at     TEXT
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, endpoint_id, id);
CREATE INDEX webhook_deliveries_log ON webhook_deliveries (endpoint_id, id);
