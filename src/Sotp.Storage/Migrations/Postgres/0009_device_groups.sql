-- Named groups of devices, for filtering (and, later, for permissions and rules).
CREATE TABLE device_groups (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name TEXT NOT NULL,
    description TEXT,
    created_at TIMESTAMPTZ NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX ux_device_groups_name ON device_groups (lower(name));

CREATE TABLE device_group_members (
    group_id BIGINT NOT NULL REFERENCES device_groups (id),
    device_id BIGINT NOT NULL REFERENCES devices (id),
    PRIMARY KEY (group_id, device_id)
);

CREATE INDEX ix_device_group_members_device_id ON device_group_members (device_id);
