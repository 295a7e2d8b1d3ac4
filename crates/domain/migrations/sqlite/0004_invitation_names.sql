-- The invitee's name as the inviter typed it, used when the account is created on acceptance.
ALTER TABLE invitations ADD COLUMN firstname TEXT NOT NULL DEFAULT '';
ALTER TABLE invitations ADD COLUMN lastname TEXT NOT NULL DEFAULT '';
