-- Alarm core: events (one row per dedup key), alarms bundling them, the dispatch log, devices affected by a
-- parent's failure, and the outbox whose seq orders every change pushed to live clients.
-- No foreign keys to sites and devices: alarms are history and outlive the inventory rows they name.
CREATE TABLE alarms (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    site_id INTEGER NOT NULL,
    device_id INTEGER,
    category TEXT NOT NULL,
    priority TEXT NOT NULL,
    state TEXT NOT NULL,
    title TEXT NOT NULL,
    requires_note INTEGER NOT NULL,
    silent INTEGER NOT NULL,
    event_count INTEGER NOT NULL,
    opened_at TEXT NOT NULL,
    last_event_at TEXT NOT NULL,
    last_activity_at TEXT NOT NULL,
    claimed_by_id INTEGER,
    claimed_by_name TEXT,
    claim_expires_at TEXT,
    acked_at TEXT,
    ack_note TEXT,
    resolved_at TEXT,
    closed_at TEXT,
    version INTEGER NOT NULL
);

CREATE INDEX ix_alarms_site_category_state ON alarms (site_id, category, state);
CREATE INDEX ix_alarms_device_state ON alarms (device_id, state);
CREATE INDEX ix_alarms_state ON alarms (state);

CREATE TABLE events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    dedup_key TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,
    site_id INTEGER NOT NULL,
    device_id INTEGER,
    zone TEXT,
    category TEXT NOT NULL,
    code TEXT NOT NULL,
    priority TEXT NOT NULL,
    kind TEXT NOT NULL,
    message TEXT NOT NULL,
    occurred_at TEXT NOT NULL,
    received_at TEXT NOT NULL,
    repeats INTEGER NOT NULL DEFAULT 0,
    alarm_id INTEGER REFERENCES alarms (id)
);

CREATE INDEX ix_events_alarm_id ON events (alarm_id);
CREATE INDEX ix_events_site_id ON events (site_id, id);

CREATE TABLE alarm_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    alarm_id INTEGER NOT NULL REFERENCES alarms (id),
    at TEXT NOT NULL,
    kind TEXT NOT NULL,
    actor_id INTEGER,
    actor_name TEXT NOT NULL,
    text TEXT NOT NULL
);

CREATE INDEX ix_alarm_log_alarm_id ON alarm_log (alarm_id);

CREATE TABLE alarm_affected (
    alarm_id INTEGER NOT NULL REFERENCES alarms (id),
    device_id INTEGER NOT NULL,
    since TEXT NOT NULL,
    PRIMARY KEY (alarm_id, device_id)
);

-- seq is assigned by the writer as MAX(seq) + 1 under the write lock: gapless and in commit order.
CREATE TABLE outbox (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    type TEXT NOT NULL,
    site_id INTEGER NOT NULL,
    payload TEXT NOT NULL,
    sent_at TEXT
);

CREATE INDEX ix_outbox_pending ON outbox (sent_at, seq);
