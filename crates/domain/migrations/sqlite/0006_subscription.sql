-- The subscription (one per organization), its invoices, who they are made out to, and the card
-- on file. Money is integer cents. The card table can hold nothing but brand, last four digits
-- and expiry.
CREATE TABLE subscriptions (
    org_id               INTEGER PRIMARY KEY REFERENCES orgs(id) ON DELETE CASCADE,
    tier                 TEXT NOT NULL CHECK (tier IN ('team', 'business', 'enterprise')),
    -- The current billing period as YYYY-MM-DD, end exclusive.
    period_start         TEXT NOT NULL,
    period_end           TEXT NOT NULL,
    cancel_at_period_end INTEGER NOT NULL DEFAULT 0,
    created_at           TEXT NOT NULL
);

CREATE TABLE invoices (
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
    status            TEXT NOT NULL CHECK (status IN ('paid', 'open')),
    issued_at         TEXT NOT NULL,
    -- JSON snapshot of the billing information when it was issued.
    billed_to         TEXT,
    charge_reference  TEXT,
    UNIQUE (org_id, period_start)
);

CREATE TABLE billing_info (
    org_id     INTEGER PRIMARY KEY REFERENCES orgs(id) ON DELETE CASCADE,
    info       TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE payment_methods (
    org_id     INTEGER PRIMARY KEY REFERENCES orgs(id) ON DELETE CASCADE,
    brand      TEXT NOT NULL,
    last4      TEXT NOT NULL CHECK (length(last4) = 4),
    exp_month  INTEGER NOT NULL,
    exp_year   INTEGER NOT NULL,
    holder     TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
