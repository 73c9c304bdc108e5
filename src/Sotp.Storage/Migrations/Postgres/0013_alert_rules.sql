-- Alert rules: a condition on a metric's series within a scope of devices, and the event it files.
-- No foreign key on scope_id: it names a group, a site or a device depending on scope (checked when written).
CREATE TABLE alert_rules (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name TEXT NOT NULL,
    enabled BOOLEAN NOT NULL,
    metric TEXT NOT NULL,
    scope TEXT NOT NULL,
    scope_id BIGINT,
    condition TEXT NOT NULL,
    threshold DOUBLE PRECISION,
    clear_threshold DOUBLE PRECISION,
    for_seconds INTEGER NOT NULL,
    absence_seconds INTEGER,
    category TEXT NOT NULL,
    code TEXT NOT NULL,
    priority TEXT NOT NULL,
    message_template TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX ux_alert_rules_name ON alert_rules (lower(name));
