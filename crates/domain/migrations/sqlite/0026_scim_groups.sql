-- The identity provider's groups, and the organization role each gives its members: 'admin',
-- 'member', or NULL (the group only groups). A person in groups that give roles has the highest of
-- them; a person who leaves the last such group gets the tab's default role. Owners keep theirs.
CREATE TABLE scim_groups (
    id               INTEGER PRIMARY KEY,
    org_id           INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    display_name     TEXT NOT NULL,
    -- displayName in lower case: what uniqueness compares.
    display_name_key TEXT NOT NULL,
    external_id      TEXT,
    org_role         TEXT CHECK (org_role IN ('admin', 'member')),
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);
CREATE UNIQUE INDEX scim_groups_by_name ON scim_groups (org_id, display_name_key);

CREATE TABLE scim_group_members (
    group_id INTEGER NOT NULL REFERENCES scim_groups(id) ON DELETE CASCADE,
    user_id  INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, user_id)
);
CREATE INDEX scim_group_members_by_user ON scim_group_members (user_id);
