-- Secrets: credentials and codes, the value encrypted by the secret cipher (AES-256-GCM); never readable in clear here.
CREATE TABLE secrets (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    site_id BIGINT REFERENCES sites (id),
    protected_value TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ,
    version BIGINT NOT NULL DEFAULT 1
);

CREATE INDEX ix_secrets_site_id ON secrets (site_id);
-- Reveal limits count recent reveals per user from the audit log.
CREATE INDEX ix_audit_log_actor_action ON audit_log (actor_id, action);
