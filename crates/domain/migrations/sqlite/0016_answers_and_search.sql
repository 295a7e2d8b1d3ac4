-- The activity log joins the organization's revision. The server keeps the list answers (users,
-- spaces, statistics, activities) per organization and revision, so a new activity must renew
-- them as every other change does (and the retention's deletions, which change the totals).
CREATE TRIGGER org_revision_activities_insert AFTER INSERT ON activities BEGIN
    UPDATE orgs SET revision = revision + 1 WHERE id = NEW.org_id;
END;
CREATE TRIGGER org_revision_activities_delete AFTER DELETE ON activities BEGIN
    UPDATE orgs SET revision = revision + 1 WHERE id = OLD.org_id;
END;

-- The users search: every three-letter piece of each name and address, so a search of three
-- letters or more reads the few accounts that hold them instead of scanning every member.
-- (PostgreSQL: pg_trgm indexes, 0009_answers_and_search.sql.)
CREATE VIRTUAL TABLE users_search USING fts5(name, email, tokenize = 'trigram');
INSERT INTO users_search (rowid, name, email) SELECT id, firstname || ' ' || lastname, email FROM users;

CREATE TRIGGER users_search_insert AFTER INSERT ON users BEGIN
    INSERT INTO users_search (rowid, name, email) VALUES (NEW.id, NEW.firstname || ' ' || NEW.lastname, NEW.email);
END;
CREATE TRIGGER users_search_update AFTER UPDATE OF firstname, lastname, email ON users BEGIN
    UPDATE users_search SET name = NEW.firstname || ' ' || NEW.lastname, email = NEW.email WHERE rowid = NEW.id;
END;
CREATE TRIGGER users_search_delete AFTER DELETE ON users BEGIN
    DELETE FROM users_search WHERE rowid = OLD.id;
END;
