-- Alert rules: a condition on a metric's series within a scope of devices, and the event it files.
-- No foreign key on scope_id: it names a group, a site or a device depending on scope (checked when written).
CREATE TABLE alert_rules (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL COLLATE NOCASE UNIQUE,
    enabled INTEGER NOT NULL,
    metric TEXT NOT NULL,
    scope TEXT NOT NULL,
    scope_id INTEGER,
    condition TEXT NOT NULL,
    threshold REAL,
    clear_threshold REAL,
    for_seconds INTEGER NOT NULL,
    absence_seconds INTEGER,
    category TEXT NOT NULL,
    code TEXT NOT NULL,
    priority TEXT NOT NULL,
    message_template TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT,
    version INTEGER NOT NULL DEFAULT 1
);
