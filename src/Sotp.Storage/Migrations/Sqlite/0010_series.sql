-- Time series: one row per series, raw points, and 5-minute / 1-hour roll-ups kept up to date by every write.
-- Times are Unix milliseconds (UTC). No foreign key to devices: a deleted device's history ages out with retention.
CREATE TABLE series (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    device_id INTEGER NOT NULL,
    metric TEXT NOT NULL,
    labels TEXT NOT NULL DEFAULT '',
    UNIQUE (device_id, metric, labels)
);

CREATE TABLE series_raw (
    series_id INTEGER NOT NULL,
    at INTEGER NOT NULL,
    value REAL NOT NULL,
    PRIMARY KEY (series_id, at)
) WITHOUT ROWID;

CREATE TABLE series_5m (
    series_id INTEGER NOT NULL,
    at INTEGER NOT NULL,
    min REAL NOT NULL,
    max REAL NOT NULL,
    sum REAL NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (series_id, at)
) WITHOUT ROWID;

CREATE TABLE series_1h (
    series_id INTEGER NOT NULL,
    at INTEGER NOT NULL,
    min REAL NOT NULL,
    max REAL NOT NULL,
    sum REAL NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (series_id, at)
) WITHOUT ROWID;

-- Retention deletes the oldest rows of every series, in small batches.
CREATE INDEX ix_series_raw_at ON series_raw (at);
CREATE INDEX ix_series_5m_at ON series_5m (at);
CREATE INDEX ix_series_1h_at ON series_1h (at);
