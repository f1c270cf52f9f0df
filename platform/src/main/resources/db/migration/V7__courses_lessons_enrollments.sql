-- Courses, their lessons, and the course roster (enrollments): who may join a lesson's classes and
-- in which role. Sessions scheduled for a lesson are visible to its course's roster (and to teachers
-- and admins of the school); ad-hoc sessions without a lesson to the whole school.
CREATE TABLE courses (
    tenant_id  TEXT        NOT NULL REFERENCES tenants (tenant_id),
    course_id  UUID        NOT NULL,
    title      TEXT        NOT NULL,
    created_by TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    CONSTRAINT courses_pkey PRIMARY KEY (tenant_id, course_id),
    CONSTRAINT courses_title_check CHECK (length(title) BETWEEN 1 AND 200)
);

CREATE TABLE lessons (
    tenant_id  TEXT        NOT NULL,
    lesson_id  UUID        NOT NULL,
    course_id  UUID        NOT NULL,
    title      TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    CONSTRAINT lessons_pkey PRIMARY KEY (tenant_id, lesson_id),
    CONSTRAINT lessons_course_fkey FOREIGN KEY (tenant_id, course_id) REFERENCES courses (tenant_id, course_id),
    CONSTRAINT lessons_title_check CHECK (length(title) BETWEEN 1 AND 200)
);
CREATE INDEX lessons_course_idx ON lessons (tenant_id, course_id);

CREATE TABLE enrollments (
    tenant_id   TEXT        NOT NULL,
    course_id   UUID        NOT NULL,
    user_id     UUID        NOT NULL,
    role        TEXT        NOT NULL,
    enrolled_at TIMESTAMPTZ NOT NULL,
    enrolled_by TEXT        NOT NULL,
    CONSTRAINT enrollments_pkey PRIMARY KEY (tenant_id, course_id, user_id),
    CONSTRAINT enrollments_course_fkey FOREIGN KEY (tenant_id, course_id) REFERENCES courses (tenant_id, course_id),
    CONSTRAINT enrollments_user_fkey FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, user_id),
    CONSTRAINT enrollments_role_check CHECK (role IN ('teacher', 'assistant', 'student', 'public_viewer'))
);
CREATE INDEX enrollments_user_idx ON enrollments (tenant_id, user_id);

ALTER TABLE sessions ADD COLUMN lesson_id UUID;
ALTER TABLE sessions ADD COLUMN course_id UUID;
