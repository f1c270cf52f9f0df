-- The studio read model (query side, processing group "studio", docs/adr/0023-query-side-read-models-for-studio.md):
-- the decks each class recorded (deck.added) and the call to action it shows now (the latest cta.shown or
-- cta.hidden). Written by StudioProjector in the same transaction as its token; every write is an idempotent
-- upsert guarded by the event's global position, so a replay never moves a row back. A new processing group
-- starts at the beginning of the log, so this fills itself from every class recorded before it existed.
CREATE TABLE studio_decks (
    tenant_id           text    NOT NULL,
    session_id          uuid    NOT NULL,
    deck_id             uuid    NOT NULL,
    page_count          integer NOT NULL,
    last_event_position bigint  NOT NULL,
    PRIMARY KEY (tenant_id, session_id, deck_id)
);

-- One row per class that ever showed a call to action; url is NULL while none is on screen.
CREATE TABLE studio_ctas (
    tenant_id           text   NOT NULL,
    session_id          uuid   NOT NULL,
    url                 text,
    last_event_position bigint NOT NULL,
    PRIMARY KEY (tenant_id, session_id)
);

COMMENT ON TABLE studio_decks IS 'Read model: decks of each class (deck.added), rebuilt from session_state_events';
COMMENT ON TABLE studio_ctas IS 'Read model: the call to action each class shows now, rebuilt from session_state_events';
