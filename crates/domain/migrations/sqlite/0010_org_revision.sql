-- A number that grows whenever anything `GET /orgs/me` shows of an organization changes: its
-- row, members and their accounts, spaces, collaborators, traffic, invitations, their mails, the
-- subscription and images. The answer's ETag is built from it, so a client holding the latest
-- answer gets 304 from one indexed read instead of megabytes.
ALTER TABLE orgs ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
CREATE INDEX invitations_by_email ON invitations (email);

CREATE TRIGGER org_revision_orgs AFTER UPDATE ON orgs WHEN NEW.revision = OLD.revision BEGIN
    UPDATE orgs SET revision = revision + 1 WHERE id = NEW.id;
END;

CREATE TRIGGER org_revision_members_insert AFTER INSERT ON org_members BEGIN
    UPDATE orgs SET revision = revision + 1 WHERE id = NEW.org_id;
END;
CREATE TRIGGER org_revision_members_update AFTER UPDATE ON org_members BEGIN
    UPDATE orgs SET revision = revision + 1 WHERE id IN (OLD.org_id, NEW.org_id);
END;
CREATE TRIGGER org_revision_members_delete AFTER DELETE ON org_members BEGIN
    UPDATE orgs SET revision = revision + 1 WHERE id = OLD.org_id;
END;

-- An account shows in its own organization and, as "registered", in invitations to its address.
CREATE TRIGGER org_revision_users_update AFTER UPDATE ON users BEGIN
    UPDATE orgs SET revision = revision + 1
    WHERE id IN (SELECT org_id FROM org_members WHERE user_id = NEW.id
                 UNION SELECT org_id FROM invitations WHERE email IN (OLD.email, NEW.email));
END;
CREATE TRIGGER org_revision_users_insert AFTER INSERT ON users BEGIN
    UPDATE orgs SET revision = revision + 1 WHERE id IN (SELECT org_id FROM invitations WHERE email = NEW.email);
END;

CREATE TRIGGER org_revision_spaces_insert AFTER INSERT ON spaces BEGIN
    UPDATE orgs SET revision = revision + 1 WHERE id = NEW.org_id;
END;
CREATE TRIGGER org_revision_spaces_update AFTER UPDATE ON spaces BEGIN
    UPDATE orgs SET revision = revision + 1 WHERE id IN (OLD.org_id, NEW.org_id);
END;
CREATE TRIGGER org_revision_spaces_delete AFTER DELETE ON spaces BEGIN
    UPDATE orgs SET revision = revision + 1 WHERE id = OLD.org_id;
END;

CREATE TRIGGER org_revision_collaborators_insert AFTER INSERT ON space_collaborators BEGIN
    UPDATE orgs SET revision = revision + 1 WHERE id = (SELECT org_id FROM spaces WHERE id = NEW.space_id);
END;
CREATE TRIGGER org_revision_collaborators_update AFTER UPDATE ON space_collaborators BEGIN
    UPDATE orgs SET revision = revision + 1 WHERE id = (SELECT org_id FROM spaces WHERE id = NEW.space_id);
END;
CREATE TRIGGER org_revision_collaborators_delete AFTER DELETE ON space_collaborators BEGIN
    UPDATE orgs SET revision = revision + 1 WHERE id = (SELECT org_id FROM spaces WHERE id = OLD.space_id);
END;

CREATE TRIGGER org_revision_traffic_insert AFTER INSERT ON traffic BEGIN
    UPDATE orgs SET revision = revision + 1 WHERE id = (SELECT org_id FROM spaces WHERE id = NEW.space_id);
END;
CREATE TRIGGER org_revision_traffic_update AFTER UPDATE ON traffic BEGIN
    UPDATE orgs SET revision = revision + 1 WHERE id = (SELECT org_id FROM spaces WHERE id = NEW.space_id);
END;
CREATE TRIGGER org_revision_traffic_delete AFTER DELETE ON traffic BEGIN
    UPDATE orgs SET revision = revision + 1 WHERE id = (SELECT org_id FROM spaces WHERE id = OLD.space_id);
END;

CREATE TRIGGER org_revision_invitations_insert AFTER INSERT ON invitations BEGIN
    UPDATE orgs SET revision = revision + 1 WHERE id = NEW.org_id;
END;
CREATE TRIGGER org_revision_invitations_update AFTER UPDATE ON invitations BEGIN
    UPDATE orgs SET revision = revision + 1 WHERE id = NEW.org_id;
END;
CREATE TRIGGER org_revision_invitations_delete AFTER DELETE ON invitations BEGIN
    UPDATE orgs SET revision = revision + 1 WHERE id = OLD.org_id;
END;

CREATE TRIGGER org_revision_outbox_insert AFTER INSERT ON outbox WHEN NEW.org_id IS NOT NULL BEGIN
    UPDATE orgs SET revision = revision + 1 WHERE id = NEW.org_id;
END;
CREATE TRIGGER org_revision_outbox_update AFTER UPDATE ON outbox WHEN NEW.org_id IS NOT NULL BEGIN
    UPDATE orgs SET revision = revision + 1 WHERE id = NEW.org_id;
END;

CREATE TRIGGER org_revision_subscriptions_insert AFTER INSERT ON subscriptions BEGIN
    UPDATE orgs SET revision = revision + 1 WHERE id = NEW.org_id;
END;
CREATE TRIGGER org_revision_subscriptions_update AFTER UPDATE ON subscriptions BEGIN
    UPDATE orgs SET revision = revision + 1 WHERE id = NEW.org_id;
END;
CREATE TRIGGER org_revision_subscriptions_delete AFTER DELETE ON subscriptions BEGIN
    UPDATE orgs SET revision = revision + 1 WHERE id = OLD.org_id;
END;

CREATE TRIGGER org_revision_images_insert AFTER INSERT ON org_images BEGIN
    UPDATE orgs SET revision = revision + 1 WHERE id = NEW.org_id;
END;
CREATE TRIGGER org_revision_images_update AFTER UPDATE ON org_images BEGIN
    UPDATE orgs SET revision = revision + 1 WHERE id = NEW.org_id;
END;
CREATE TRIGGER org_revision_images_delete AFTER DELETE ON org_images BEGIN
    UPDATE orgs SET revision = revision + 1 WHERE id = OLD.org_id;
END;
