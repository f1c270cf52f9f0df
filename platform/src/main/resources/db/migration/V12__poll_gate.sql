-- The command side's gate of each poll (docs/adr/0010): written in the same transaction as the poll's lifecycle
-- events, read by every vote under the poll's shared advisory lock. A vote commits only while its poll's row says
-- 'open'; closing takes the exclusive lock first, so no ballot can commit after poll.closed. Not a read model: the
-- poll's events are the record, and this row follows them transaction by transaction.
CREATE TABLE poll_gate (
    tenant_id         TEXT        NOT NULL,
    poll_id           UUID        NOT NULL,
    session_id        UUID        NOT NULL,
    status            TEXT        NOT NULL,
    option_count      INTEGER     NOT NULL,
    multiple_choice   BOOLEAN     NOT NULL,
    allow_change      BOOLEAN     NOT NULL,
    show_live_results BOOLEAN     NOT NULL,
    owner_id          UUID,
    course_id         UUID,
    updated_at        TIMESTAMPTZ NOT NULL,
    CONSTRAINT poll_gate_pkey PRIMARY KEY (poll_id),
    CONSTRAINT poll_gate_status_check CHECK (status IN ('draft', 'open', 'closed', 'published')),
    CONSTRAINT poll_gate_option_count_check CHECK (option_count BETWEEN 2 AND 10),
    CONSTRAINT poll_gate_tenant_id_check CHECK (tenant_id ~ '^[a-z0-9][a-z0-9-]{1,62}$')
);
CREATE INDEX poll_gate_session_idx ON poll_gate (tenant_id, session_id);
