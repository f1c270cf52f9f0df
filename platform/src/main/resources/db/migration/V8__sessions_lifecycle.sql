-- The sessions read model follows the lifecycle: live, ended or cancelled, with times.
ALTER TABLE sessions ADD COLUMN started_at TIMESTAMPTZ;
ALTER TABLE sessions ADD COLUMN ended_at TIMESTAMPTZ;
