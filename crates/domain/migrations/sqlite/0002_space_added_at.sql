-- When a space joined its organization: drives the "Spaces" chart. NULL while personal.
ALTER TABLE spaces ADD COLUMN added_at TEXT;
UPDATE spaces SET added_at = created_at WHERE org_id IS NOT NULL;
