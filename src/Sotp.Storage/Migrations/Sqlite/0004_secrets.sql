-- Secrets: credentials and codes, the value encrypted by the secret cipher (AES-256-GCM); never readable in clear here.
CREATE TABLE secrets (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    site_id INTEGER REFERENCES sites (id),
    protected_value TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT,
    version INTEGER NOT NULL DEFAULT 1
);

CREATE INDEX ix_secrets_site_id ON secrets (site_id);
-- Reveal limits count recent reveals per user from the audit log.
CREATE INDEX ix_audit_log_actor_action ON audit_log (actor_id, action);
