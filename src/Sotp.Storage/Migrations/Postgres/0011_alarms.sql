-- Alarm core: events (one row per dedup key), alarms bundling them, the dispatch log, devices affected by a
-- parent's failure, and the outbox whose seq orders every change pushed to live clients.
-- No foreign keys to sites and devices: alarms are history and outlive the inventory rows they name.
CREATE TABLE alarms (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    site_id BIGINT NOT NULL,
    device_id BIGINT,
    category TEXT NOT NULL,
    priority TEXT NOT NULL,
    state TEXT NOT NULL,
    title TEXT NOT NULL,
    requires_note BOOLEAN NOT NULL,
    silent BOOLEAN NOT NULL,
    event_count INTEGER NOT NULL,
    opened_at TIMESTAMPTZ NOT NULL,
    last_event_at TIMESTAMPTZ NOT NULL,
    last_activity_at TIMESTAMPTZ NOT NULL,
    claimed_by_id BIGINT,
    claimed_by_name TEXT,
    claim_expires_at TIMESTAMPTZ,
    acked_at TIMESTAMPTZ,
    ack_note TEXT,
    resolved_at TIMESTAMPTZ,
    closed_at TIMESTAMPTZ,
    version BIGINT NOT NULL
);

CREATE INDEX ix_alarms_site_category_state ON alarms (site_id, category, state);
CREATE INDEX ix_alarms_device_state ON alarms (device_id, state);
CREATE INDEX ix_alarms_state ON alarms (state);

CREATE TABLE events (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    dedup_key TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,
    site_id BIGINT NOT NULL,
    device_id BIGINT,
    zone TEXT,
    category TEXT NOT NULL,
    code TEXT NOT NULL,
    priority TEXT NOT NULL,
    kind TEXT NOT NULL,
    message TEXT NOT NULL,
    occurred_at TIMESTAMPTZ NOT NULL,
    received_at TIMESTAMPTZ NOT NULL,
    repeats INTEGER NOT NULL DEFAULT 0,
    alarm_id BIGINT REFERENCES alarms (id)
);

CREATE INDEX ix_events_alarm_id ON events (alarm_id);
CREATE INDEX ix_events_site_id ON events (site_id, id);

CREATE TABLE alarm_log (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    alarm_id BIGINT NOT NULL REFERENCES alarms (id),
    at TIMESTAMPTZ NOT NULL,
    kind TEXT NOT NULL,
    actor_id BIGINT,
    actor_name TEXT NOT NULL,
    text TEXT NOT NULL
);

CREATE INDEX ix_alarm_log_alarm_id ON alarm_log (alarm_id);

CREATE TABLE alarm_affected (
    alarm_id BIGINT NOT NULL REFERENCES alarms (id),
    device_id BIGINT NOT NULL,
    since TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (alarm_id, device_id)
);

-- seq is assigned by the writer as MAX(seq) + 1 under an advisory lock held to commit: gapless and in commit order.
CREATE TABLE outbox (
    seq BIGINT PRIMARY KEY,
    at TIMESTAMPTZ NOT NULL,
    type TEXT NOT NULL,
    site_id BIGINT NOT NULL,
    payload TEXT NOT NULL,
    sent_at TIMESTAMPTZ
);

CREATE INDEX ix_outbox_pending ON outbox (sent_at, seq);
