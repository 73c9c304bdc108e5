-- A device's priority override: replaces the priority of its events before service mode lowers it.
ALTER TABLE devices ADD COLUMN priority_override TEXT;

-- Escalation policies: ordered steps "not claimed N minutes after opening: notify channel X", then the last step repeated.
-- site_id NULL: every site (no foreign key: a policy of a deleted site matches nothing). Steps are JSON ([{"afterMinutes":5,"channelId":1}, …]); channels are checked when written.
CREATE TABLE escalation_policies (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL COLLATE NOCASE UNIQUE,
    enabled INTEGER NOT NULL,
    site_id INTEGER,
    min_priority TEXT NOT NULL,
    steps TEXT NOT NULL,
    repeat_every_minutes INTEGER,
    repeat_count INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT,
    version INTEGER NOT NULL DEFAULT 1
);

-- A channel only escalation steps name (a supervisor's pager) is not told of every alarm that opens.
ALTER TABLE notification_channels ADD COLUMN escalation_only INTEGER NOT NULL DEFAULT 0;

-- Where each alarm's escalation stands: its policy (NULL: none applies), how many steps fired, when the next is due
-- (NULL: finished, stopped, or never started). In the store so a restart continues where it stopped.
CREATE TABLE alarm_escalations (
    alarm_id INTEGER PRIMARY KEY,
    policy_id INTEGER,
    fired INTEGER NOT NULL,
    next_at TEXT
);

CREATE INDEX ix_alarm_escalations_due ON alarm_escalations (next_at) WHERE next_at IS NOT NULL;

-- Alarms older than this feature never escalate.
INSERT INTO alarm_escalations (alarm_id, policy_id, fired, next_at) SELECT id, NULL, 0, NULL FROM alarms;

-- An escalation may notify one channel of one alarm several times (the repeats), so a delivery is unique per round too.
-- SQLite cannot change a UNIQUE constraint in place: the table is rebuilt.
CREATE TABLE notification_deliveries_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    channel_id INTEGER NOT NULL,
    alarm_id INTEGER NOT NULL,
    event TEXT NOT NULL,
    escalation_round INTEGER NOT NULL DEFAULT 0,
    alarm_json TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (channel_id, alarm_id, event, escalation_round)
);

INSERT INTO notification_deliveries_new (id, channel_id, alarm_id, event, escalation_round, alarm_json, status, attempts, next_attempt_at, created_at)
SELECT id, channel_id, alarm_id, event, 0, alarm_json, status, attempts, next_attempt_at, created_at FROM notification_deliveries;

DROP TABLE notification_deliveries;
ALTER TABLE notification_deliveries_new RENAME TO notification_deliveries;
CREATE INDEX ix_notification_deliveries_due ON notification_deliveries (status, next_attempt_at);
CREATE INDEX ix_notification_deliveries_alarm ON notification_deliveries (alarm_id);
