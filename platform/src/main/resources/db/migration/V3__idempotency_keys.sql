-- One row per (tenant, Idempotency-Key), written in the same transaction as the events the
-- request appended. Holds the response to replay on retries (see docs/adr/0003).
CREATE TABLE idempotency_keys (
    tenant_id           TEXT         NOT NULL,
    idempotency_key     VARCHAR(255) NOT NULL,
    request_fingerprint CHAR(64)     NOT NULL,
    method              VARCHAR(10)  NOT NULL,
    path                TEXT         NOT NULL,
    status              INTEGER,
    location            TEXT,
    content_type        TEXT,
    body                BYTEA,
    created_at          TIMESTAMPTZ  NOT NULL,
    CONSTRAINT idempotency_keys_pkey PRIMARY KEY (tenant_id, idempotency_key)
);
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);
