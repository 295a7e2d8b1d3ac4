-- Invitation mails are counted per organization and recipient over the last day (a quota): read
-- by this index, not by scanning every mail ever queued.
CREATE INDEX outbox_by_org_kind ON outbox (org_id, kind, created_at);
