-- The authoritative log of every class: Axon's JDBC event store columns, renamed to Lectern's
-- tables, plus tenant_id, session_id, event_name and occurred_at (see docs/adr/0002).
CREATE TABLE session_state_events (
    global_index         BIGSERIAL    NOT NULL,
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    type                 VARCHAR(255),
    event_identifier     VARCHAR(255) NOT NULL,
    meta_data            BYTEA,
    payload              BYTEA        NOT NULL,
    payload_revision     VARCHAR(255),
    payload_type         VARCHAR(255) NOT NULL,
    time_stamp           VARCHAR(255) NOT NULL,
    tenant_id            TEXT         NOT NULL,
    session_id           UUID         NOT NULL,
    event_name           TEXT         NOT NULL,
    occurred_at          TIMESTAMPTZ  NOT NULL,
    CONSTRAINT session_state_events_pkey PRIMARY KEY (global_index),
    CONSTRAINT session_state_events_aggregate_sequence_key UNIQUE (aggregate_identifier, sequence_number),
    CONSTRAINT session_state_events_event_identifier_key UNIQUE (event_identifier),
    CONSTRAINT session_state_events_tenant_id_check CHECK (tenant_id ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
    CONSTRAINT session_state_events_event_name_check CHECK (event_name ~ '^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$')
);

-- Per-session order: a session's events sorted by global position.
CREATE INDEX session_state_events_session_idx ON session_state_events (session_id, global_index);
-- Auditors: a tenant's log by position, by event name, by time.
CREATE INDEX session_state_events_tenant_idx ON session_state_events (tenant_id, global_index);
CREATE INDEX session_state_events_tenant_name_idx ON session_state_events (tenant_id, event_name, global_index);
CREATE INDEX session_state_events_tenant_time_idx ON session_state_events (tenant_id, occurred_at);

-- The log is append-only: no UPDATE, DELETE or TRUNCATE, whoever asks.
CREATE FUNCTION session_state_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'session_state_events is append-only (% refused)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER session_state_events_no_update_delete
    BEFORE UPDATE OR DELETE ON session_state_events
    FOR EACH ROW EXECUTE FUNCTION session_state_events_append_only();

CREATE TRIGGER session_state_events_no_truncate
    BEFORE TRUNCATE ON session_state_events
    FOR EACH STATEMENT EXECUTE FUNCTION session_state_events_append_only();

CREATE TABLE session_state_snapshots (
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    type                 VARCHAR(255) NOT NULL,
    event_identifier     VARCHAR(255) NOT NULL,
    meta_data            BYTEA,
    payload              BYTEA        NOT NULL,
    payload_revision     VARCHAR(255),
    payload_type         VARCHAR(255) NOT NULL,
    time_stamp           VARCHAR(255) NOT NULL,
    CONSTRAINT session_state_snapshots_pkey PRIMARY KEY (aggregate_identifier, sequence_number),
    CONSTRAINT session_state_snapshots_event_identifier_key UNIQUE (event_identifier)
);

-- For people reading the log with psql: payloads and metadata as JSON.
CREATE VIEW session_state_events_readable AS
SELECT global_index,
       tenant_id,
       session_id,
       event_name,
       type AS aggregate_type,
       aggregate_identifier,
       sequence_number,
       occurred_at,
       payload_revision,
       convert_from(payload, 'UTF8')::jsonb   AS payload,
       convert_from(meta_data, 'UTF8')::jsonb AS meta_data
FROM session_state_events;
