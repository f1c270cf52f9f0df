-- Webhooks we accepted, by the sender's event id: a redelivery changes nothing. Written in the same
-- transaction as the commands the webhook caused.
CREATE TABLE webhook_deliveries (
    provider    TEXT        NOT NULL,
    event_id    TEXT        NOT NULL,
    event       TEXT        NOT NULL,
    received_at TIMESTAMPTZ NOT NULL,
    CONSTRAINT webhook_deliveries_pkey PRIMARY KEY (provider, event_id)
);
