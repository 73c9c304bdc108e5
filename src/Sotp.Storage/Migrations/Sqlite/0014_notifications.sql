-- Notification channels, the deliveries owed to them (kept until sent or given up, so a restart loses none), the log of
-- every attempt, and how far the alarm changes in the outbox have been planned. Channels name a secret, never hold one.
CREATE TABLE notification_channels (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL COLLATE NOCASE UNIQUE,
    kind TEXT NOT NULL,
    min_priority TEXT NOT NULL,
    enabled INTEGER NOT NULL,
    url TEXT,
    smtp_host TEXT,
    smtp_port INTEGER,
    smtp_security TEXT,
    smtp_username TEXT,
    mail_from TEXT,
    mail_to TEXT NOT NULL DEFAULT '[]',
    secret_id INTEGER,
    created_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);

-- No foreign keys: the log outlives deleted channels, and alarms outlive everything.
CREATE TABLE notification_deliveries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    channel_id INTEGER NOT NULL,
    alarm_id INTEGER NOT NULL,
    event TEXT NOT NULL,
    alarm_json TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (channel_id, alarm_id, event)
);

CREATE INDEX ix_notification_deliveries_due ON notification_deliveries (status, next_attempt_at);
CREATE INDEX ix_notification_deliveries_alarm ON notification_deliveries (alarm_id);

CREATE TABLE notification_attempts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    delivery_id INTEGER NOT NULL,
    alarm_id INTEGER NOT NULL,
    channel_id INTEGER NOT NULL,
    channel_name TEXT NOT NULL,
    kind TEXT NOT NULL,
    event TEXT NOT NULL,
    attempt INTEGER NOT NULL,
    at TEXT NOT NULL,
    status TEXT NOT NULL,
    response TEXT,
    error TEXT
);

CREATE INDEX ix_notification_attempts_alarm ON notification_attempts (alarm_id, id);

-- One row. Starts at the current end of the outbox: alarms older than this feature are not announced.
CREATE TABLE notification_cursor (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    planned_through INTEGER NOT NULL
);

INSERT INTO notification_cursor (id, planned_through) SELECT 1, COALESCE(MAX(seq), 0) FROM outbox;
