-- Read model of scheduled classes, built by SessionsProjector (processing group "sessions").
-- Disposable: a rebuild deletes it and replays session_state_events.
CREATE TABLE sessions (
    tenant_id           TEXT        NOT NULL,
    session_id          UUID        NOT NULL,
    title               TEXT        NOT NULL,
    status              TEXT        NOT NULL,
    starts_at           TIMESTAMPTZ NOT NULL,
    duration_minutes    INTEGER     NOT NULL,
    recording_enabled   BOOLEAN     NOT NULL,
    scheduled_at        TIMESTAMPTZ NOT NULL,
    last_event_position BIGINT      NOT NULL,
    CONSTRAINT sessions_pkey PRIMARY KEY (tenant_id, session_id)
);
CREATE INDEX sessions_starts_at_idx ON sessions (tenant_id, starts_at);
