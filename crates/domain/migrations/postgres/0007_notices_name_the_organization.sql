-- A change's notice names its organization ("org:id"), so each instance wakes only that
-- organization's event streams. (An activity of no organization, such as a failed sign-in for an
-- address without an account, wakes nobody.) Instances of the previous version, which read a bare
-- id, find none here and learn of changes by their look every 5 seconds until they are replaced.
CREATE OR REPLACE FUNCTION activities_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.org_id IS NOT NULL THEN
        PERFORM pg_notify('org_area_changes', NEW.org_id::text || ':' || NEW.id::text);
    END IF;
    RETURN NULL;
END $$;
