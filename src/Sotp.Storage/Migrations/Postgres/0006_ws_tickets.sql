-- Single-use tickets that open the real-time WebSocket (browsers cannot send an Authorization header there).
CREATE TABLE ws_tickets (
    ticket_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id),
    expires_at TIMESTAMPTZ NOT NULL,
    used_at TIMESTAMPTZ
);
