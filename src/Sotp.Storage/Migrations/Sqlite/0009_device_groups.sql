-- Named groups of devices, for filtering (and, later, for permissions and rules).
CREATE TABLE device_groups (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL COLLATE NOCASE UNIQUE,
    description TEXT,
    created_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);


CREATE TABLE device_group_members (
    group_id INTEGER NOT NULL REFERENCES device_groups (id),
    device_id INTEGER NOT NULL REFERENCES devices (id),
    PRIMARY KEY (group_id, device_id)
);

CREATE INDEX ix_device_group_members_device_id ON device_group_members (device_id);
