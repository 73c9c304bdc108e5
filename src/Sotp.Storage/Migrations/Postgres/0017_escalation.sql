-- A device's priority override: replaces the priority of its events before service mode lowers it.
ALTER TABLE devices ADD COLUMN priority_override TEXT;

-- Escalation policies: ordered steps "not claimed N minutes after opening: notify channel X", then the last step repeated.
-- site_id NULL: every site (no foreign key: a policy of a deleted site matches nothing). Steps are JSON ([{"afterMinutes":5,"channelId":1}, …]); channels are checked when written.
CREATE TABLE escalation_policies (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name TEXT NOT NULL,
    enabled BOOLEAN NOT NULL,
    site_id BIGINT,
    min_priority TEXT NOT NULL,
    steps TEXT NOT NULL,
    repeat_every_minutes INTEGER,
    repeat_count INTEGER NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX ux_escalation_policies_name ON escalation_policies (lower(name));

-- A channel only escalation steps name (a supervisor's pager) is not told of every alarm that opens.
ALTER TABLE notification_channels ADD COLUMN escalation_only BOOLEAN NOT NULL DEFAULT FALSE;

-- Where each alarm's escalation stands: its policy (NULL: none applies), how many steps fired, when the next is due
-- (NULL: finished, stopped, or never started). In the store so a restart continues where it stopped.
CREATE TABLE alarm_escalations (
    alarm_id BIGINT PRIMARY KEY,
    policy_id BIGINT,
    fired INTEGER NOT NULL,
    next_at TIMESTAMPTZ
);

CREATE INDEX ix_alarm_escalations_due ON alarm_escalations (next_at) WHERE next_at IS NOT NULL;

-- Alarms older than this feature never escalate.
INSERT INTO alarm_escalations (alarm_id, policy_id, fired, next_at) SELECT id, NULL, 0, NULL FROM alarms;

-- An escalation may notify one channel of one alarm several times (the repeats), so a delivery is unique per round too.
ALTER TABLE notification_deliveries ADD COLUMN escalation_round INTEGER NOT NULL DEFAULT 0;
ALTER TABLE notification_deliveries DROP CONSTRAINT notification_deliveries_channel_id_alarm_id_event_key;
ALTER TABLE notification_deliveries ADD CONSTRAINT notification_deliveries_channel_alarm_event_round_key UNIQUE (channel_id, alarm_id, event, escalation_round);
