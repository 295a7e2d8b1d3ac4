-- Traffic is read as ranges of days per space: store it clustered on (space_id, date) so a range
-- is one contiguous read, and index days for the organization-wide sums.
CREATE TABLE traffic_by_space (
    space_id     INTEGER NOT NULL REFERENCES spaces(id) ON DELETE CASCADE,
    date         TEXT NOT NULL,
    api_requests INTEGER NOT NULL,
    total_bytes  INTEGER NOT NULL,
    PRIMARY KEY (space_id, date)
) WITHOUT ROWID;
INSERT INTO traffic_by_space SELECT space_id, date, api_requests, total_bytes FROM traffic;
DROP TABLE traffic;
ALTER TABLE traffic_by_space RENAME TO traffic;
CREATE INDEX org_members_by_org_created ON org_members (org_id, created_at);
