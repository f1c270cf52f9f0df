-- Stream tickets (docs/adr/0024-browser-access.md): short-lived credentials that let a browser's native
-- EventSource, which cannot send an Authorization header, open one class's stream. Only the SHA-256 of a
-- ticket is kept; the ticket itself is never stored here. Rows past expires_at are swept when tickets are
-- issued (with the idempotency record that answered their issue, which holds the ticket for retries).
CREATE TABLE stream_tickets (
    ticket_hash     bytea       NOT NULL,
    tenant_id       text        NOT NULL REFERENCES tenants (tenant_id),
    subject         text        NOT NULL,
    session_id      uuid        NOT NULL,
    idempotency_key text        NOT NULL,
    issued_at       timestamptz NOT NULL,
    expires_at      timestamptz NOT NULL,
    CONSTRAINT stream_tickets_pkey PRIMARY KEY (ticket_hash),
    CONSTRAINT stream_tickets_hash_check CHECK (octet_length(ticket_hash) = 32),
    CONSTRAINT stream_tickets_lifetime_check CHECK (expires_at > issued_at)
);
CREATE INDEX stream_tickets_expires_idx ON stream_tickets (expires_at);
