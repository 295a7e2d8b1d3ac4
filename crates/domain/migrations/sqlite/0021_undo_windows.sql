-- A destructive action that whoever did it can still take back, for ten seconds: what to put back
-- is kept here (not only in their page), so a reload does not lose the chance.
CREATE TABLE undo_windows (
    id         INTEGER PRIMARY KEY,
    org_id     INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    key        TEXT NOT NULL CHECK (key IN ('org_user.destroy', 'invitation.revoke', 'space.detach', 'collaborator.destroy')),
    name       TEXT NOT NULL,
    -- What to put back, as JSON.
    restore    TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    undone_at  TEXT
);
CREATE INDEX undo_windows_by_user ON undo_windows (user_id, expires_at);
