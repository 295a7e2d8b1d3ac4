-- Idempotency keys: a change sent again with the same `Idempotency-Key` is applied once. The key
-- is claimed inside the change's own transaction; its answer is kept for 24 hours to replay.
CREATE TABLE idempotency_keys (
    -- SHA-256 of the caller's credentials: one caller's keys never meet another's.
    scope       TEXT NOT NULL,
    key         TEXT NOT NULL,
    -- SHA-256 of the method, address and body: the same key with another request is refused.
    fingerprint TEXT NOT NULL,
    -- The answer, once it is known (none while the first request runs, or when it was lost).
    status      BIGINT,
    body        TEXT,
    created_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (scope, key)
);
CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);
