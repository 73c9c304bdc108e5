-- Single-use tickets that open the real-time WebSocket (browsers cannot send an Authorization header there).
CREATE TABLE ws_tickets (
    ticket_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id),
    expires_at TEXT NOT NULL,
    used_at TEXT
);
