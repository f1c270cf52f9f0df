-- Live state of each class (query side, processing group "live-state"): the ClassState document folded
-- from the class's events, and the global position it includes. Written by the projector in the same
-- transaction as its token; every write is guarded by the position, so replays never move a row back.
CREATE TABLE live_state (
    tenant_id           text        NOT NULL,
    session_id          uuid        NOT NULL,
    state               jsonb       NOT NULL,
    last_event_position bigint      NOT NULL,
    updated_at          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, session_id)
);

COMMENT ON TABLE live_state IS 'Read model: live class state (ClassState JSON), rebuilt from session_state_events';
