-- What a person sees of their sessions, and when each was last used: a public id to end it by
-- (the token's hash stays private), the browser and address it signed in from, and the last
-- activity, which an idle timeout ends the session after.
ALTER TABLE sessions
    ADD COLUMN public_id TEXT NOT NULL DEFAULT '',
    ADD COLUMN last_active_at timestamptz,
    ADD COLUMN ip TEXT,
    ADD COLUMN user_agent TEXT;
UPDATE sessions SET public_id = md5(token_hash || random()::text), last_active_at = created_at;
ALTER TABLE sessions ALTER COLUMN last_active_at SET NOT NULL;
CREATE UNIQUE INDEX sessions_by_public_id ON sessions (public_id);
