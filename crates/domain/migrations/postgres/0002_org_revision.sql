-- A number that grows whenever anything `GET /orgs/me` shows of an organization changes: its
-- row, members and their accounts, spaces, collaborators, traffic, invitations, their mails, the
-- subscription and images. The answer's ETag is built from it, so a client holding the latest
-- answer gets 304 from one indexed read instead of megabytes. (SQLite: 0010_org_revision.sql.)
ALTER TABLE orgs ADD COLUMN revision BIGINT NOT NULL DEFAULT 0;
CREATE INDEX invitations_by_email ON invitations (email);

CREATE FUNCTION org_revision_own() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.revision = OLD.revision THEN
        NEW.revision := OLD.revision + 1;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER org_revision_own BEFORE UPDATE ON orgs FOR EACH ROW EXECUTE FUNCTION org_revision_own();

-- Once per organization and transaction: its changes become visible together, so one step tells
-- them apart from the last answer. (Raising the same row for each of many rows in one transaction
-- would also leave a chain of row versions that every later raise walks.)
CREATE FUNCTION org_revision_bump(orgs_changed BIGINT[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    org BIGINT;
BEGIN
    FOREACH org IN ARRAY orgs_changed LOOP
        IF current_setting('org_area.revised_' || org, true) IS DISTINCT FROM 'yes' THEN
            UPDATE orgs SET revision = revision + 1 WHERE id = org;
            PERFORM set_config('org_area.revised_' || org, 'yes', true);
        END IF;
    END LOOP;
END $$;

-- The organizations a changed row belongs to, from the row before and after the change.
CREATE FUNCTION org_revision_follow() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    rows_seen JSONB[] := ARRAY[]::JSONB[];
    changed BIGINT[] := ARRAY[]::BIGINT[];
    r JSONB;
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN rows_seen := rows_seen || to_jsonb(NEW); END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN rows_seen := rows_seen || to_jsonb(OLD); END IF;
    FOREACH r IN ARRAY rows_seen LOOP
        IF TG_TABLE_NAME = 'users' THEN
            changed := changed || ARRAY(SELECT org_id FROM org_members WHERE user_id = (r->>'id')::BIGINT
                                        UNION SELECT org_id FROM invitations WHERE email = r->>'email');
        ELSIF TG_TABLE_NAME IN ('space_collaborators', 'traffic') THEN
            changed := changed || ARRAY(SELECT org_id FROM spaces WHERE id = (r->>'space_id')::BIGINT AND org_id IS NOT NULL);
        ELSIF r->>'org_id' IS NOT NULL THEN
            changed := changed || (r->>'org_id')::BIGINT;
        END IF;
    END LOOP;
    IF cardinality(changed) > 0 THEN
        PERFORM org_revision_bump(changed);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER org_revision_follow AFTER INSERT OR UPDATE OR DELETE ON org_members
    FOR EACH ROW EXECUTE FUNCTION org_revision_follow();
CREATE TRIGGER org_revision_follow AFTER INSERT OR UPDATE ON users
    FOR EACH ROW EXECUTE FUNCTION org_revision_follow();
CREATE TRIGGER org_revision_follow AFTER INSERT OR UPDATE OR DELETE ON spaces
    FOR EACH ROW EXECUTE FUNCTION org_revision_follow();
CREATE TRIGGER org_revision_follow AFTER INSERT OR UPDATE OR DELETE ON space_collaborators
    FOR EACH ROW EXECUTE FUNCTION org_revision_follow();
CREATE TRIGGER org_revision_follow AFTER INSERT OR UPDATE OR DELETE ON traffic
    FOR EACH ROW EXECUTE FUNCTION org_revision_follow();
CREATE TRIGGER org_revision_follow AFTER INSERT OR UPDATE OR DELETE ON invitations
    FOR EACH ROW EXECUTE FUNCTION org_revision_follow();
CREATE TRIGGER org_revision_follow AFTER INSERT OR UPDATE ON outbox
    FOR EACH ROW EXECUTE FUNCTION org_revision_follow();
CREATE TRIGGER org_revision_follow AFTER INSERT OR UPDATE OR DELETE ON subscriptions
    FOR EACH ROW EXECUTE FUNCTION org_revision_follow();
CREATE TRIGGER org_revision_follow AFTER INSERT OR UPDATE OR DELETE ON org_images
    FOR EACH ROW EXECUTE FUNCTION org_revision_follow();
