-- The timeline of alarm panels' partition and zone status changes (GET /api/v1/panels/{id}/history).
-- No foreign key to devices: a deleted panel's timeline stays for the record, like the audit log.
CREATE TABLE panel_state_history (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    device_id INTEGER NOT NULL,
    at TEXT NOT NULL,
    item TEXT NOT NULL,
    number INTEGER NOT NULL,
    from_status TEXT NOT NULL,
    to_status TEXT NOT NULL
);
CREATE INDEX ix_panel_state_history_device_at ON panel_state_history (device_id, at);
