-- GET /sessions and GET /courses/{courseId}/sessions list the classes a caller has a role in, with the
-- same rule as GET /sessions/{id} (docs/adr/0026-class-lists-visibility.md). The rule needs the class's
-- own teacher (session.scheduled's scheduledBy), which the read model did not keep.
ALTER TABLE sessions ADD COLUMN teacher_id UUID;

-- Keyset paging in a stable order (starts_at, session_id), school-wide and per course.
DROP INDEX sessions_starts_at_idx;
CREATE INDEX sessions_list_idx ON sessions (tenant_id, starts_at, session_id);
CREATE INDEX sessions_course_list_idx ON sessions (tenant_id, course_id, starts_at, session_id) WHERE course_id IS NOT NULL;

-- The read model is disposable (V4): clear it and drop its processor's tokens so that SessionsProjector
-- replays session_state_events from the start and fills teacher_id for every class already scheduled.
DELETE FROM sessions;
DELETE FROM token_entry WHERE processor_name = 'sessions';
