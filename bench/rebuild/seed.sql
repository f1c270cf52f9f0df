-- 200,000 realistic class events straight into session_state_events (rebuild benchmark input):
-- :sessions classes of :per events each (default 2,000 x 100), each class one tenant's lesson:
-- session.scheduled (rev 3), session.started, 48 participant.joined, 48 participant.left,
-- permission.granted, session.ended. Payloads are the JSON Lectern itself writes.
\set ON_ERROR_STOP on
WITH classes AS (
    SELECT s, ('00000000-0000-4000-8000-' || lpad(to_hex(s), 12, '0'))::uuid AS session_id,
           ('00000000-0000-4000-9000-' || lpad(to_hex(s), 12, '0'))::uuid AS teacher,
           'bench-' || (s % 20) AS tenant,
           timestamptz '2026-11-01 08:00:00Z' + (s || ' minutes')::interval AS started
    FROM generate_series(1, :sessions) s
), events AS (
    SELECT c.*, q,
           c.started + (q || ' seconds')::interval AS at,
           ('00000000-0000-4000-a000-' || lpad(to_hex(c.s * 1000 + ((q - 2) % 48)), 12, '0'))::uuid AS student
    FROM classes c, generate_series(0, :per - 1) q
)
INSERT INTO session_state_events (aggregate_identifier, sequence_number, type, event_identifier, meta_data, payload,
                                  payload_revision, payload_type, time_stamp, tenant_id, session_id, event_name, occurred_at)
SELECT session_id::text, q, 'Session', gen_random_uuid()::text, convert_to('{}', 'UTF8'),
       convert_to(CASE
           WHEN q = 0 THEN json_build_object('sessionId', session_id, 'tenantId', tenant, 'title', 'Class ' || s,
                'startsAt', started, 'durationMinutes', 45, 'recordingEnabled', false, 'scheduledAt', started - interval '1 day',
                'scheduledBy', teacher, 'lessonId', null, 'courseId', null)::text
           WHEN q = 1 THEN json_build_object('sessionId', session_id, 'tenantId', tenant, 'startedBy', 'teacher',
                'mediaRoom', null, 'recordingId', null, 'startedAt', at)::text
           WHEN q = :per - 1 THEN json_build_object('sessionId', session_id, 'tenantId', tenant, 'endedBy', 'teacher',
                'endedAt', at)::text
           WHEN q = :per - 2 THEN json_build_object('sessionId', session_id, 'tenantId', tenant, 'userId', student,
                'permission', 'PRESENT', 'grantedBy', 'teacher', 'reason', null, 'grantedAt', at)::text
           WHEN q < 50 THEN json_build_object('sessionId', session_id, 'tenantId', tenant, 'userId', student,
                'subject', 'student-' || student, 'classRole', 'student', 'joinedAt', at)::text
           ELSE json_build_object('sessionId', session_id, 'tenantId', tenant, 'userId', student, 'leftAt', at)::text
       END, 'UTF8'),
       CASE WHEN q = 0 THEN '3' ELSE '1' END,
       CASE
           WHEN q = 0 THEN 'dev.lectern.events.session.SessionScheduledEvent'
           WHEN q = 1 THEN 'dev.lectern.events.session.SessionStartedEvent'
           WHEN q = :per - 1 THEN 'dev.lectern.events.session.SessionEndedEvent'
           WHEN q = :per - 2 THEN 'dev.lectern.events.session.SessionPermissionGrantedEvent'
           WHEN q < 50 THEN 'dev.lectern.events.session.ParticipantJoinedEvent'
           ELSE 'dev.lectern.events.session.ParticipantLeftEvent'
       END,
       to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), tenant, session_id,
       CASE
           WHEN q = 0 THEN 'session.scheduled'
           WHEN q = 1 THEN 'session.started'
           WHEN q = :per - 1 THEN 'session.ended'
           WHEN q = :per - 2 THEN 'permission.granted'
           WHEN q < 50 THEN 'participant.joined'
           ELSE 'participant.left'
       END,
       at
FROM events
ORDER BY s, q;
