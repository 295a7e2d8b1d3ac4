-- Real column types: times as timestamptz, flags as boolean, days as date, JSON as jsonb. Until
-- now PostgreSQL stored what SQLite does (RFC 3339 text, 0/1, JSON text), so that the queries could
-- be shared by a driver that checked nothing; now each database's queries are checked against its
-- own schema when the server builds, and each keeps its natural types. Existing rows convert in
-- place (RFC 3339 text reads as timestamptz, 0/1 as false/true).

ALTER TABLE users
    ALTER COLUMN created_at TYPE timestamptz USING created_at::timestamptz,
    ALTER COLUMN last_sign_in_at TYPE timestamptz USING last_sign_in_at::timestamptz,
    ALTER COLUMN totp_enabled_at TYPE timestamptz USING totp_enabled_at::timestamptz,
    ALTER COLUMN disabled DROP DEFAULT,
    ALTER COLUMN disabled TYPE boolean USING disabled <> 0,
    ALTER COLUMN disabled SET DEFAULT false;

ALTER TABLE orgs
    ALTER COLUMN created_at TYPE timestamptz USING created_at::timestamptz,
    ALTER COLUMN settings DROP DEFAULT,
    ALTER COLUMN settings TYPE jsonb USING settings::jsonb,
    ALTER COLUMN settings SET DEFAULT '{}'::jsonb;

ALTER TABLE org_members ALTER COLUMN created_at TYPE timestamptz USING created_at::timestamptz;

ALTER TABLE spaces
    ALTER COLUMN created_at TYPE timestamptz USING created_at::timestamptz,
    ALTER COLUMN added_at TYPE timestamptz USING added_at::timestamptz;

ALTER TABLE invitations
    ALTER COLUMN created_at TYPE timestamptz USING created_at::timestamptz,
    ALTER COLUMN expires_at TYPE timestamptz USING expires_at::timestamptz,
    ALTER COLUMN accepted_at TYPE timestamptz USING accepted_at::timestamptz,
    ALTER COLUMN revoked_at TYPE timestamptz USING revoked_at::timestamptz;

ALTER TABLE sessions
    ALTER COLUMN created_at TYPE timestamptz USING created_at::timestamptz,
    ALTER COLUMN expires_at TYPE timestamptz USING expires_at::timestamptz,
    ALTER COLUMN revoked_at TYPE timestamptz USING revoked_at::timestamptz;

-- The monthly roll-up follows days that are now dates.
CREATE OR REPLACE FUNCTION traffic_monthly_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        UPDATE traffic_monthly SET api_requests = api_requests - OLD.api_requests,
                                   total_bytes = total_bytes - OLD.total_bytes
        WHERE space_id = OLD.space_id AND month = to_char(OLD.date, 'YYYY-MM');
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO traffic_monthly AS m (space_id, month, api_requests, total_bytes)
        VALUES (NEW.space_id, to_char(NEW.date, 'YYYY-MM'), NEW.api_requests, NEW.total_bytes)
        ON CONFLICT (space_id, month) DO UPDATE SET
            api_requests = m.api_requests + excluded.api_requests,
            total_bytes = m.total_bytes + excluded.total_bytes;
    END IF;
    RETURN NULL;
END $$;
ALTER TABLE traffic ALTER COLUMN date TYPE date USING date::date;

ALTER TABLE org_images ALTER COLUMN updated_at TYPE timestamptz USING updated_at::timestamptz;

ALTER TABLE subscriptions
    ALTER COLUMN period_start TYPE date USING period_start::date,
    ALTER COLUMN period_end TYPE date USING period_end::date,
    ALTER COLUMN created_at TYPE timestamptz USING created_at::timestamptz,
    ALTER COLUMN cancel_at_period_end DROP DEFAULT,
    ALTER COLUMN cancel_at_period_end TYPE boolean USING cancel_at_period_end <> 0,
    ALTER COLUMN cancel_at_period_end SET DEFAULT false;

ALTER TABLE billing_info
    ALTER COLUMN info TYPE jsonb USING info::jsonb,
    ALTER COLUMN updated_at TYPE timestamptz USING updated_at::timestamptz;

ALTER TABLE payment_methods ALTER COLUMN updated_at TYPE timestamptz USING updated_at::timestamptz;

ALTER TABLE throttle ALTER COLUMN window_start TYPE timestamptz USING window_start::timestamptz;

ALTER TABLE known_clients ALTER COLUMN last_success_at TYPE timestamptz USING last_success_at::timestamptz;

ALTER TABLE invoices
    ALTER COLUMN period_start TYPE date USING period_start::date,
    ALTER COLUMN period_end TYPE date USING period_end::date,
    ALTER COLUMN issued_at TYPE timestamptz USING issued_at::timestamptz,
    ALTER COLUMN billed_to TYPE jsonb USING billed_to::jsonb,
    ALTER COLUMN charging_since TYPE timestamptz USING charging_since::timestamptz;

ALTER TABLE leases ALTER COLUMN expires_at TYPE timestamptz USING expires_at::timestamptz;

ALTER TABLE activities
    ALTER COLUMN parameters DROP DEFAULT,
    ALTER COLUMN parameters TYPE jsonb USING parameters::jsonb,
    ALTER COLUMN parameters SET DEFAULT '{}'::jsonb,
    ALTER COLUMN created_at TYPE timestamptz USING created_at::timestamptz;

ALTER TABLE outbox
    ALTER COLUMN next_attempt_at TYPE timestamptz USING next_attempt_at::timestamptz,
    ALTER COLUMN claimed_until TYPE timestamptz USING claimed_until::timestamptz,
    ALTER COLUMN created_at TYPE timestamptz USING created_at::timestamptz,
    ALTER COLUMN sent_at TYPE timestamptz USING sent_at::timestamptz;

ALTER TABLE password_resets
    ALTER COLUMN created_at TYPE timestamptz USING created_at::timestamptz,
    ALTER COLUMN expires_at TYPE timestamptz USING expires_at::timestamptz,
    ALTER COLUMN used_at TYPE timestamptz USING used_at::timestamptz;

ALTER TABLE recovery_codes ALTER COLUMN used_at TYPE timestamptz USING used_at::timestamptz;
