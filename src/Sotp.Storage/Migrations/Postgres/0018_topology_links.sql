-- LLDP links between known devices, the whole set each device last reported (a link no longer reported is deleted).
CREATE TABLE topology_links (
    local_device_id BIGINT NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
    local_port TEXT NOT NULL,
    remote_device_id BIGINT NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
    remote_port TEXT,
    seen_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (local_device_id, local_port, remote_device_id)
);

CREATE INDEX ix_topology_links_remote_device_id ON topology_links (remote_device_id);
