-- The site registry and device inventory in full, change history, and the sites a user is limited to.
ALTER TABLE sites ADD COLUMN site_type TEXT;
ALTER TABLE sites ADD COLUMN latitude DOUBLE PRECISION;
ALTER TABLE sites ADD COLUMN longitude DOUBLE PRECISION;
ALTER TABLE sites ADD COLUMN notes TEXT;
ALTER TABLE sites ADD COLUMN service_from TIMESTAMPTZ;
ALTER TABLE sites ADD COLUMN service_until TIMESTAMPTZ;
ALTER TABLE sites ADD COLUMN service_reason TEXT;
-- Lower-cased in .NET (so Ł/Ś/Ż fold too): the same case-insensitive search and name order on both stores.
ALTER TABLE sites ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
ALTER TABLE sites ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
ALTER TABLE sites ADD COLUMN updated_at TIMESTAMPTZ;

ALTER TABLE devices ADD COLUMN vendor TEXT;
ALTER TABLE devices ADD COLUMN model TEXT;
ALTER TABLE devices ADD COLUMN tags TEXT NOT NULL DEFAULT '[]';
ALTER TABLE devices ADD COLUMN parent_id BIGINT REFERENCES devices (id);
ALTER TABLE devices ADD COLUMN icmp_interval_seconds INTEGER NOT NULL DEFAULT 30;
ALTER TABLE devices ADD COLUMN snmp_interval_seconds INTEGER NOT NULL DEFAULT 300;
ALTER TABLE devices ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
ALTER TABLE devices ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
ALTER TABLE devices ADD COLUMN updated_at TIMESTAMPTZ;

CREATE INDEX ix_devices_parent_id ON devices (parent_id);
CREATE INDEX ix_sites_name_key ON sites (name_key);
CREATE INDEX ix_devices_name_key ON devices (name_key);

-- Who changed what, version by version: before and after as JSON, secrets never included.
CREATE TABLE entity_history (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    entity_type TEXT NOT NULL,
    entity_id BIGINT NOT NULL,
    version BIGINT NOT NULL,
    changed_at TIMESTAMPTZ NOT NULL,
    actor_id BIGINT,
    actor_name TEXT NOT NULL,
    change TEXT NOT NULL,
    before_json TEXT,
    after_json TEXT
);

CREATE INDEX ix_entity_history_entity ON entity_history (entity_type, entity_id);

-- TECHNICIAN and FIELD_WORKER see only the sites listed here for them.
CREATE TABLE user_sites (
    user_id BIGINT NOT NULL REFERENCES users (id),
    site_id BIGINT NOT NULL REFERENCES sites (id),
    PRIMARY KEY (user_id, site_id)
);
