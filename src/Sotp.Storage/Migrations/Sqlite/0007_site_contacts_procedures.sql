-- A site's call list (in calling order) and its procedures (ordered steps per alarm category).
CREATE TABLE site_contacts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    site_id INTEGER NOT NULL REFERENCES sites (id),
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    role TEXT,
    phones TEXT NOT NULL,
    email TEXT,
    verification_secret_id INTEGER REFERENCES secrets (id)
);

CREATE INDEX ix_site_contacts_site_id ON site_contacts (site_id, position);

CREATE TABLE site_procedures (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    site_id INTEGER NOT NULL REFERENCES sites (id),
    category TEXT NOT NULL,
    position INTEGER NOT NULL,
    step TEXT NOT NULL
);

CREATE INDEX ix_site_procedures_site_id ON site_procedures (site_id, category, position);
