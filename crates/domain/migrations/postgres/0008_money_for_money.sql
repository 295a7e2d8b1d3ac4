-- Money only for money (see the SQLite migration 0015 of the same name): invoices of a period or
-- of an upgrade's prorated difference, void when their first charge is declined, one period
-- invoice (not void) per period start, each charge attempt's time, and a downgrade waiting for the
-- period's end.
ALTER TABLE invoices ADD COLUMN purpose TEXT NOT NULL DEFAULT 'period' CHECK (purpose IN ('period', 'upgrade'));
ALTER TABLE invoices ADD COLUMN last_attempt_at timestamptz;
ALTER TABLE invoices DROP CONSTRAINT invoices_org_id_period_start_key;
CREATE UNIQUE INDEX invoices_one_per_period ON invoices (org_id, period_start) WHERE purpose = 'period' AND status <> 'void';
ALTER TABLE invoices DROP CONSTRAINT invoices_status_check;
ALTER TABLE invoices ADD CONSTRAINT invoices_status_check CHECK (status IN ('open', 'charging', 'paid', 'failed', 'void'));
ALTER TABLE subscriptions ADD COLUMN next_tier TEXT CHECK (next_tier IN ('team', 'business', 'enterprise'));
