-- Command-side tables the write side reads instead of stored event payloads (docs/adr/0021). From now on they
-- are written only by the event handlers of the subscribing group 'write-side-tables', in the unit of work and
-- the transaction that appends the event; not read models (a rebuild does not touch them).
--
-- The backfill at the end is the one place that reads stored payloads with SQL, once, for the events written
-- before these tables existed. It runs before the application starts, so no event can slip between the
-- backfill and the handlers. The only upcaster in the log (session.scheduled before revision 3) adds a null
-- courseId, which is what ->> 'courseId' gives for those payloads too.

-- The course a class belongs to (null for an ad-hoc class), for the poll gate's eligibility join.
CREATE TABLE class_courses (
    tenant_id  TEXT NOT NULL,
    session_id UUID NOT NULL,
    course_id  UUID,
    CONSTRAINT class_courses_pkey PRIMARY KEY (session_id)
);

-- What a poll asks and, once published, its results (poll.created, poll.results_published).
CREATE TABLE poll_definitions (
    poll_id           UUID      NOT NULL,
    tenant_id         TEXT      NOT NULL,
    session_id        UUID      NOT NULL,
    question          TEXT      NOT NULL,
    options           TEXT[]    NOT NULL,
    correct_options   INTEGER[],
    published_counts  BIGINT[],
    published_ballots BIGINT,
    CONSTRAINT poll_definitions_pkey PRIMARY KEY (poll_id)
);

-- Each person's current ballot in a poll (poll.vote_cast, then the last poll.vote_changed), options as chosen.
CREATE TABLE poll_ballots (
    poll_id    UUID      NOT NULL,
    user_id    UUID      NOT NULL,
    tenant_id  TEXT      NOT NULL,
    session_id UUID      NOT NULL,
    options    INTEGER[] NOT NULL,
    CONSTRAINT poll_ballots_pkey PRIMARY KEY (poll_id, user_id)
);

-- Whether a person of a class holds the present permission now: the last of permission.granted/revoked
-- (present) and participant.revoked decides.
CREATE TABLE class_presenters (
    tenant_id  TEXT        NOT NULL,
    session_id UUID        NOT NULL,
    user_id    UUID        NOT NULL,
    presenting BOOLEAN     NOT NULL,
    decided_at TIMESTAMPTZ NOT NULL,
    CONSTRAINT class_presenters_pkey PRIMARY KEY (tenant_id, session_id, user_id)
);

-- The scenes of each class as their events say they are now (scene.created, scene.updated, scene.deleted).
CREATE TABLE class_scenes (
    scene_id   UUID    NOT NULL,
    tenant_id  TEXT    NOT NULL,
    session_id UUID    NOT NULL,
    name       TEXT    NOT NULL,
    layout     TEXT    NOT NULL,
    deleted    BOOLEAN NOT NULL,
    CONSTRAINT class_scenes_pkey PRIMARY KEY (scene_id)
);

-- One-time backfill from the existing log (docs/adr/0021).
INSERT INTO class_courses (tenant_id, session_id, course_id)
SELECT tenant_id, session_id, (payload ->> 'courseId')::uuid
FROM session_state_events_readable
WHERE event_name = 'session.scheduled'
ON CONFLICT (session_id) DO NOTHING;

INSERT INTO poll_definitions (poll_id, tenant_id, session_id, question, options, correct_options)
SELECT (payload ->> 'pollId')::uuid, tenant_id, session_id, payload ->> 'question',
       ARRAY(SELECT jsonb_array_elements_text(payload -> 'options')),
       CASE WHEN jsonb_typeof(payload -> 'correctOptions') = 'array'
            THEN ARRAY(SELECT jsonb_array_elements_text(payload -> 'correctOptions')::int) END
FROM session_state_events_readable
WHERE event_name = 'poll.created'
ON CONFLICT (poll_id) DO NOTHING;

UPDATE poll_definitions d
SET published_counts  = ARRAY(SELECT jsonb_array_elements_text(p.payload -> 'counts')::bigint),
    published_ballots = (p.payload ->> 'ballots')::bigint
FROM session_state_events_readable p
WHERE p.event_name = 'poll.results_published' AND (p.payload ->> 'pollId')::uuid = d.poll_id;

INSERT INTO poll_ballots (poll_id, user_id, tenant_id, session_id, options)
SELECT DISTINCT ON (aggregate_identifier)
       (payload ->> 'pollId')::uuid, (payload ->> 'userId')::uuid, tenant_id, session_id,
       ARRAY(SELECT jsonb_array_elements_text(payload -> 'options')::int)
FROM session_state_events_readable
WHERE event_name IN ('poll.vote_cast', 'poll.vote_changed')
ORDER BY aggregate_identifier, sequence_number DESC
ON CONFLICT (poll_id, user_id) DO NOTHING;

INSERT INTO class_presenters (tenant_id, session_id, user_id, presenting, decided_at)
SELECT DISTINCT ON (tenant_id, session_id, payload ->> 'userId')
       tenant_id, session_id, (payload ->> 'userId')::uuid, event_name = 'permission.granted', occurred_at
FROM session_state_events_readable
WHERE (event_name IN ('permission.granted', 'permission.revoked') AND payload ->> 'permission' = 'PRESENT')
   OR event_name = 'participant.revoked'
ORDER BY tenant_id, session_id, payload ->> 'userId', global_index DESC
ON CONFLICT (tenant_id, session_id, user_id) DO NOTHING;

INSERT INTO class_revocations (tenant_id, session_id, user_id, revoked_at)
SELECT tenant_id, session_id, (payload ->> 'userId')::uuid, occurred_at
FROM session_state_events_readable
WHERE event_name = 'participant.revoked'
ON CONFLICT DO NOTHING;

INSERT INTO class_scenes (scene_id, tenant_id, session_id, name, layout, deleted)
SELECT (c.payload ->> 'sceneId')::uuid, c.tenant_id, c.session_id,
       coalesce(u.payload ->> 'name', c.payload ->> 'name'), coalesce(u.payload ->> 'layout', c.payload ->> 'layout'),
       EXISTS (SELECT 1 FROM session_state_events d
               WHERE d.aggregate_identifier = c.aggregate_identifier AND d.event_name = 'scene.deleted')
FROM session_state_events_readable c
LEFT JOIN LATERAL (SELECT payload FROM session_state_events_readable u
                   WHERE u.aggregate_identifier = c.aggregate_identifier AND u.event_name = 'scene.updated'
                   ORDER BY u.sequence_number DESC LIMIT 1) u ON true
WHERE c.event_name = 'scene.created'
ON CONFLICT (scene_id) DO NOTHING;
