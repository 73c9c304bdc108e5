-- Per-zone settings of alarm panels: a zone's priority_override replaces CRITICAL for its alarms and tampers.
-- Goes with its panel: a deleted device's zones mean nothing.
CREATE TABLE panel_zones (
    device_id BIGINT NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    priority_override TEXT NOT NULL,
    PRIMARY KEY (device_id, number)
);
