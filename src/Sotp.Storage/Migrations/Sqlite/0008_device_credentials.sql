-- How collectors log in: references to secrets (never the secrets), as JSON.
ALTER TABLE devices ADD COLUMN credentials TEXT NOT NULL DEFAULT '{}';
