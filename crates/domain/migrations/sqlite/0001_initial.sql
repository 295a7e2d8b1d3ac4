-- Users: people who can sign in. Timestamps are RFC 3339 text in UTC.
CREATE TABLE users (
    id              INTEGER PRIMARY KEY,
    email           TEXT NOT NULL UNIQUE COLLATE NOCASE,
    firstname       TEXT NOT NULL DEFAULT '',
    lastname        TEXT NOT NULL DEFAULT '',
    avatar          TEXT,
    -- argon2id PHC string; NULL for someone invited who has not set a password yet.
    password_hash   TEXT,
    sign_in_count   INTEGER NOT NULL DEFAULT 0,
    created_at      TEXT NOT NULL,
    last_sign_in_at TEXT,
    disabled        INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE orgs (
    id                INTEGER PRIMARY KEY,
    name              TEXT NOT NULL,
    slug              TEXT NOT NULL UNIQUE,
    plan              TEXT NOT NULL DEFAULT 'free',
    plan_level        INTEGER NOT NULL DEFAULT 0,
    max_spaces        INTEGER NOT NULL DEFAULT 250,
    max_collaborators INTEGER NOT NULL DEFAULT 10000,
    -- JSON object; typed by the settings feature.
    settings          TEXT NOT NULL DEFAULT '{}',
    -- Bumped on every settings change, for optimistic concurrency.
    version           INTEGER NOT NULL DEFAULT 1,
    created_at        TEXT NOT NULL
);

-- A user belongs to at most one organization (`GET /orgs/me` names one).
CREATE TABLE org_members (
    org_id     INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL UNIQUE REFERENCES users(id) ON DELETE CASCADE,
    org_role   TEXT NOT NULL CHECK (org_role IN ('owner', 'admin', 'member')),
    created_at TEXT NOT NULL,
    PRIMARY KEY (org_id, user_id)
);
CREATE INDEX org_members_by_org_role ON org_members (org_id, org_role);

-- A space is a content project. org_id NULL: it sits in its owner's personal account.
CREATE TABLE spaces (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    owner_id   INTEGER NOT NULL REFERENCES users(id),
    org_id     INTEGER REFERENCES orgs(id) ON DELETE SET NULL,
    plan       TEXT NOT NULL DEFAULT 'starter',
    plan_level INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);
CREATE INDEX spaces_by_org ON spaces (org_id);
CREATE INDEX spaces_by_owner ON spaces (owner_id);

-- Collaborator roles inside a space; independent of organization roles.
CREATE TABLE space_collaborators (
    space_id INTEGER NOT NULL REFERENCES spaces(id) ON DELETE CASCADE,
    user_id  INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role     TEXT NOT NULL,
    PRIMARY KEY (space_id, user_id)
);
CREATE INDEX space_collaborators_by_user ON space_collaborators (user_id);

-- Daily traffic per space.
CREATE TABLE traffic (
    space_id     INTEGER NOT NULL REFERENCES spaces(id) ON DELETE CASCADE,
    date         TEXT NOT NULL,
    api_requests INTEGER NOT NULL,
    total_bytes  INTEGER NOT NULL,
    PRIMARY KEY (space_id, date)
);

CREATE TABLE invitations (
    id          INTEGER PRIMARY KEY,
    org_id      INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    email       TEXT NOT NULL COLLATE NOCASE,
    org_role    TEXT NOT NULL CHECK (org_role IN ('owner', 'admin', 'member')),
    inviter_id  INTEGER NOT NULL REFERENCES users(id),
    -- SHA-256 of the invitation code; the code itself is shown once to the inviter.
    token_hash  TEXT NOT NULL UNIQUE,
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    accepted_at TEXT,
    revoked_at  TEXT
);
CREATE INDEX invitations_by_org ON invitations (org_id);

-- Sessions: only the SHA-256 of the bearer token is stored.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    revoked_at TEXT
);
CREATE INDEX sessions_by_user ON sessions (user_id);
