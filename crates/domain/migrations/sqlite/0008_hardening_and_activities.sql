-- Throttling counters, shared by every server instance: one row per counter and window.
CREATE TABLE throttle (
    key          TEXT PRIMARY KEY,
    window_start TEXT NOT NULL,
    count        INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX throttle_by_window ON throttle (window_start);

-- Addresses an account has signed in from: failures from elsewhere never lock it out of these.
CREATE TABLE known_clients (
    user_id         INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    client          TEXT NOT NULL,
    last_success_at TEXT NOT NULL,
    PRIMARY KEY (user_id, client)
) WITHOUT ROWID;

-- Invoices move open -> charging -> paid | failed through guarded updates. Each charge attempt
-- has its own number; the payment provider gets `invoice-{id}-{attempt}` as its idempotency key,
-- so an attempt retried after a crash is never charged twice.
CREATE TABLE invoices_new (
    id                INTEGER PRIMARY KEY,
    org_id            INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    number            TEXT NOT NULL UNIQUE,
    period_start      TEXT NOT NULL,
    period_end        TEXT NOT NULL,
    tier              TEXT NOT NULL,
    amount_cents      INTEGER NOT NULL CHECK (amount_cents >= 0),
    tax_rate_bp       INTEGER NOT NULL,
    tax_cents         INTEGER NOT NULL,
    total_cents       INTEGER NOT NULL CHECK (total_cents = amount_cents + tax_cents),
    currency          TEXT NOT NULL,
    status            TEXT NOT NULL CHECK (status IN ('open', 'charging', 'paid', 'failed')),
    issued_at         TEXT NOT NULL,
    billed_to         TEXT,
    charge_reference  TEXT,
    charge_attempts   INTEGER NOT NULL DEFAULT 0,
    charging_since    TEXT,
    UNIQUE (org_id, period_start)
);
INSERT INTO invoices_new (id, org_id, number, period_start, period_end, tier, amount_cents, tax_rate_bp, tax_cents,
    total_cents, currency, status, issued_at, billed_to, charge_reference)
SELECT id, org_id, number, period_start, period_end, tier, amount_cents, tax_rate_bp, tax_cents,
    total_cents, currency, status, issued_at, billed_to, charge_reference FROM invoices;
DROP TABLE invoices;
ALTER TABLE invoices_new RENAME TO invoices;
CREATE INDEX invoices_by_status ON invoices (status, org_id);

-- Scheduled work runs in one instance at a time: whoever holds the lease.
CREATE TABLE leases (
    name       TEXT PRIMARY KEY,
    holder     TEXT NOT NULL,
    expires_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE INDEX sessions_by_expiry ON sessions (expires_at);

-- Who changed what, and when. Written in the same transaction as the change; never updated.
-- The actor and the target are kept by id and by the name they had at the time, so the record
-- outlives them.
CREATE TABLE activities (
    id             INTEGER PRIMARY KEY,
    org_id         INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    key            TEXT NOT NULL,
    trackable_type TEXT NOT NULL,
    trackable_id   INTEGER,
    trackable_name TEXT,
    owner_id       INTEGER,
    owner_name     TEXT,
    recipient_id   INTEGER,
    space_id       INTEGER,
    parameters     TEXT NOT NULL DEFAULT '{}',
    ip             TEXT,
    user_agent     TEXT,
    created_at     TEXT NOT NULL
);
CREATE INDEX activities_by_org ON activities (org_id, id);
CREATE INDEX activities_by_owner ON activities (org_id, owner_id, id);
CREATE INDEX activities_by_type ON activities (org_id, trackable_type, id);
CREATE INDEX activities_by_space ON activities (org_id, space_id, id);
CREATE INDEX activities_by_time ON activities (org_id, created_at);

CREATE TRIGGER activities_are_append_only BEFORE UPDATE ON activities BEGIN
    SELECT RAISE(ABORT, 'activities are never changed');
END;
