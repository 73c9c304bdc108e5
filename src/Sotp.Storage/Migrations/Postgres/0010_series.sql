-- Time series: one row per series, raw points, and 5-minute / 1-hour roll-ups kept up to date by every write.
-- Times are Unix milliseconds (UTC). No foreign key to devices: a deleted device's history ages out with retention.
CREATE TABLE series (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    device_id BIGINT NOT NULL,
    metric TEXT NOT NULL,
    labels TEXT NOT NULL DEFAULT '',
    UNIQUE (device_id, metric, labels)
);

CREATE TABLE series_raw (
    series_id BIGINT NOT NULL,
    at BIGINT NOT NULL,
    value DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (series_id, at)
);

CREATE TABLE series_5m (
    series_id BIGINT NOT NULL,
    at BIGINT NOT NULL,
    min DOUBLE PRECISION NOT NULL,
    max DOUBLE PRECISION NOT NULL,
    sum DOUBLE PRECISION NOT NULL,
    count BIGINT NOT NULL,
    PRIMARY KEY (series_id, at)
);

CREATE TABLE series_1h (
    series_id BIGINT NOT NULL,
    at BIGINT NOT NULL,
    min DOUBLE PRECISION NOT NULL,
    max DOUBLE PRECISION NOT NULL,
    sum DOUBLE PRECISION NOT NULL,
    count BIGINT NOT NULL,
    PRIMARY KEY (series_id, at)
);

-- Retention deletes the oldest rows of every series, in small batches.
CREATE INDEX ix_series_raw_at ON series_raw (at);
CREATE INDEX ix_series_5m_at ON series_5m (at);
CREATE INDEX ix_series_1h_at ON series_1h (at);
