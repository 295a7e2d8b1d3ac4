-- Each usage threshold an organization's traffic crossed, once per billing month: the key makes a
-- second telling impossible, whichever instance's scheduler gets there.
CREATE TABLE usage_alerts (
    org_id         BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    -- The billing month's first day, YYYY-MM-DD.
    period_start   DATE NOT NULL,
    percent        BIGINT NOT NULL CHECK (percent IN (50, 80, 100)),
    used_bytes     BIGINT NOT NULL,
    included_bytes BIGINT NOT NULL,
    fired_at       TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (org_id, period_start, percent)
);
