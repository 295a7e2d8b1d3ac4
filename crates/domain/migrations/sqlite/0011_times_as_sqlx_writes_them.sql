-- Times as the server now writes them. Until now it wrote RFC 3339 text itself
-- (`2026-11-29T10:00:00.000Z`); now its queries are checked against the schema and bind times as
-- times, which sqlx keeps in SQLite as RFC 3339 text of its own shape
-- (`2026-11-29T10:00:00+00:00`, `2026-11-29T10:00:00.123+00:00`). Both shapes read back alike,
-- but comparing and sorting them as text needs one shape throughout, so the old rows take the new
-- one ('Z' only ever ends a time). The activity log refuses updates; its guard steps aside for
-- this one.

DROP TRIGGER activities_are_append_only;

UPDATE users SET created_at = replace(replace(created_at, '.000Z', 'Z'), 'Z', '+00:00'), last_sign_in_at = replace(replace(last_sign_in_at, '.000Z', 'Z'), 'Z', '+00:00'), totp_enabled_at = replace(replace(totp_enabled_at, '.000Z', 'Z'), 'Z', '+00:00');
UPDATE orgs SET created_at = replace(replace(created_at, '.000Z', 'Z'), 'Z', '+00:00');
UPDATE org_members SET created_at = replace(replace(created_at, '.000Z', 'Z'), 'Z', '+00:00');
UPDATE spaces SET created_at = replace(replace(created_at, '.000Z', 'Z'), 'Z', '+00:00'), added_at = replace(replace(added_at, '.000Z', 'Z'), 'Z', '+00:00');
UPDATE invitations SET created_at = replace(replace(created_at, '.000Z', 'Z'), 'Z', '+00:00'), expires_at = replace(replace(expires_at, '.000Z', 'Z'), 'Z', '+00:00'), accepted_at = replace(replace(accepted_at, '.000Z', 'Z'), 'Z', '+00:00'), revoked_at = replace(replace(revoked_at, '.000Z', 'Z'), 'Z', '+00:00');
UPDATE sessions SET created_at = replace(replace(created_at, '.000Z', 'Z'), 'Z', '+00:00'), expires_at = replace(replace(expires_at, '.000Z', 'Z'), 'Z', '+00:00'), revoked_at = replace(replace(revoked_at, '.000Z', 'Z'), 'Z', '+00:00');
UPDATE org_images SET updated_at = replace(replace(updated_at, '.000Z', 'Z'), 'Z', '+00:00');
UPDATE subscriptions SET created_at = replace(replace(created_at, '.000Z', 'Z'), 'Z', '+00:00');
UPDATE billing_info SET updated_at = replace(replace(updated_at, '.000Z', 'Z'), 'Z', '+00:00');
UPDATE payment_methods SET updated_at = replace(replace(updated_at, '.000Z', 'Z'), 'Z', '+00:00');
UPDATE throttle SET window_start = replace(replace(window_start, '.000Z', 'Z'), 'Z', '+00:00');
UPDATE known_clients SET last_success_at = replace(replace(last_success_at, '.000Z', 'Z'), 'Z', '+00:00');
UPDATE invoices SET issued_at = replace(replace(issued_at, '.000Z', 'Z'), 'Z', '+00:00'), charging_since = replace(replace(charging_since, '.000Z', 'Z'), 'Z', '+00:00');
UPDATE leases SET expires_at = replace(replace(expires_at, '.000Z', 'Z'), 'Z', '+00:00');
UPDATE activities SET created_at = replace(replace(created_at, '.000Z', 'Z'), 'Z', '+00:00');
UPDATE outbox SET next_attempt_at = replace(replace(next_attempt_at, '.000Z', 'Z'), 'Z', '+00:00'), claimed_until = replace(replace(claimed_until, '.000Z', 'Z'), 'Z', '+00:00'), created_at = replace(replace(created_at, '.000Z', 'Z'), 'Z', '+00:00'), sent_at = replace(replace(sent_at, '.000Z', 'Z'), 'Z', '+00:00');
UPDATE password_resets SET created_at = replace(replace(created_at, '.000Z', 'Z'), 'Z', '+00:00'), expires_at = replace(replace(expires_at, '.000Z', 'Z'), 'Z', '+00:00'), used_at = replace(replace(used_at, '.000Z', 'Z'), 'Z', '+00:00');
UPDATE recovery_codes SET used_at = replace(replace(used_at, '.000Z', 'Z'), 'Z', '+00:00');

CREATE TRIGGER activities_are_append_only BEFORE UPDATE ON activities BEGIN
    SELECT RAISE(ABORT, 'activities are never changed');
END;
