-- What alarm panels say about themselves: type and versions (0x7E, 0x7C) on each connect, and the names of their
-- partitions, zones and outputs (0xEE). Read from the panel, so they go with their device.
CREATE TABLE panel_versions (
    device_id INTEGER PRIMARY KEY REFERENCES devices (id) ON DELETE CASCADE,
    panel_type INTEGER NOT NULL,
    model TEXT NOT NULL,
    firmware_version TEXT NOT NULL,
    language INTEGER NOT NULL,
    settings_in_flash INTEGER NOT NULL,
    module_version TEXT,
    module_supports_256 INTEGER,
    read_at TEXT NOT NULL
);

CREATE TABLE panel_names (
    device_id INTEGER NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
    item TEXT NOT NULL,
    number INTEGER NOT NULL,
    name TEXT NOT NULL,
    function_code INTEGER NOT NULL,
    partition_number INTEGER,
    read_at TEXT NOT NULL,
    PRIMARY KEY (device_id, item, number)
);
