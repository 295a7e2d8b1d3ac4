-- An organization's uploaded logo and favicon, checked by their bytes before they are stored.
CREATE TABLE org_images (
    org_id       INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    kind         TEXT NOT NULL CHECK (kind IN ('logo', 'favicon')),
    content_type TEXT NOT NULL,
    bytes        BLOB NOT NULL,
    -- SHA-256 of the bytes: part of the public address, so a new image is a new address.
    digest       TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    PRIMARY KEY (org_id, kind)
);
