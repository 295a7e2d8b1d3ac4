-- Money only for money. An invoice is either a period's ('period': the first one starts the
-- subscription when it is paid, later ones renew it) or an upgrade's prorated difference
-- ('upgrade': the new tier applies when it is paid). One whose first charge is declined is 'void':
-- nothing started, nothing is owed, and it keeps its number. Only a period's invoice that is not
-- void is one per period start. Each charge attempt's time is kept, so the scheduler retries a declined invoice once a
-- day. A downgrade waits for the period's end in `subscriptions.next_tier`.
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
    status            TEXT NOT NULL CHECK (status IN ('open', 'charging', 'paid', 'failed', 'void')),
    issued_at         TEXT NOT NULL,
    billed_to         TEXT,
    charge_reference  TEXT,
    charge_attempts   INTEGER NOT NULL DEFAULT 0,
    charging_since    TEXT,
    purpose           TEXT NOT NULL DEFAULT 'period' CHECK (purpose IN ('period', 'upgrade')),
    last_attempt_at   TEXT
);
INSERT INTO invoices_new (id, org_id, number, period_start, period_end, tier, amount_cents, tax_rate_bp, tax_cents,
    total_cents, currency, status, issued_at, billed_to, charge_reference, charge_attempts, charging_since)
SELECT id, org_id, number, period_start, period_end, tier, amount_cents, tax_rate_bp, tax_cents,
    total_cents, currency, status, issued_at, billed_to, charge_reference, charge_attempts, charging_since FROM invoices;
DROP TABLE invoices;
ALTER TABLE invoices_new RENAME TO invoices;
CREATE INDEX invoices_by_status ON invoices (status, org_id);
CREATE UNIQUE INDEX invoices_one_per_period ON invoices (org_id, period_start) WHERE purpose = 'period' AND status <> 'void';

ALTER TABLE subscriptions ADD COLUMN next_tier TEXT CHECK (next_tier IN ('team', 'business', 'enterprise'));
