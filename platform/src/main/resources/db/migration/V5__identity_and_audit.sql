-- Identity & roles (seed schema: tenants, tenant_domains, users, roles, user_roles) and the audit log.
CREATE TABLE tenants (
    tenant_id  TEXT        NOT NULL,
    name       TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT tenants_pkey PRIMARY KEY (tenant_id),
    CONSTRAINT tenants_tenant_id_check CHECK (tenant_id ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
    CONSTRAINT tenants_name_check CHECK (length(name) BETWEEN 1 AND 200)
);

-- E-mail / SSO domains that belong to a school (e.g. north-high.example.edu).
CREATE TABLE tenant_domains (
    domain     TEXT        NOT NULL,
    tenant_id  TEXT        NOT NULL REFERENCES tenants (tenant_id),
    created_at TIMESTAMPTZ NOT NULL,
    CONSTRAINT tenant_domains_pkey PRIMARY KEY (domain),
    CONSTRAINT tenant_domains_domain_check
        CHECK (length(domain) <= 253 AND domain ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$')
);
CREATE INDEX tenant_domains_tenant_idx ON tenant_domains (tenant_id);

CREATE TABLE roles (
    role        TEXT NOT NULL,
    description TEXT NOT NULL,
    CONSTRAINT roles_pkey PRIMARY KEY (role)
);
INSERT INTO roles (role, description) VALUES
    ('admin', 'Manages users, roles and domains of the school'),
    ('teacher', 'Schedules and teaches classes'),
    ('assistant', 'Helps teach: moderation when granted'),
    ('student', 'Attends classes'),
    ('public_viewer', 'Watches public classes, hidden, cannot interact'),
    ('auditor', 'Reads the audit log and event logs, changes nothing');

-- A person of a tenant; subject = the identity provider's "sub".
CREATE TABLE users (
    tenant_id    TEXT        NOT NULL REFERENCES tenants (tenant_id),
    user_id      UUID        NOT NULL,
    subject      TEXT        NOT NULL,
    display_name TEXT        NOT NULL,
    email        TEXT,
    created_at   TIMESTAMPTZ NOT NULL,
    CONSTRAINT users_pkey PRIMARY KEY (tenant_id, user_id),
    CONSTRAINT users_subject_key UNIQUE (tenant_id, subject),
    CONSTRAINT users_subject_check CHECK (length(subject) BETWEEN 1 AND 255),
    CONSTRAINT users_display_name_check CHECK (length(display_name) BETWEEN 1 AND 200),
    CONSTRAINT users_email_check CHECK (email IS NULL OR length(email) <= 254)
);

CREATE TABLE user_roles (
    tenant_id  TEXT        NOT NULL,
    user_id    UUID        NOT NULL,
    role       TEXT        NOT NULL REFERENCES roles (role),
    granted_at TIMESTAMPTZ NOT NULL,
    granted_by TEXT        NOT NULL,
    CONSTRAINT user_roles_pkey PRIMARY KEY (tenant_id, user_id, role),
    CONSTRAINT user_roles_user_fkey FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, user_id)
);

-- Append-only record of role grants and revocations, permission changes and denied privileged
-- attempts: who (actor), to whom/what (subject), why (reason), when.
CREATE TABLE audit_log (
    audit_id      BIGSERIAL   NOT NULL,
    tenant_id     TEXT,
    occurred_at   TIMESTAMPTZ NOT NULL,
    actor_subject TEXT        NOT NULL,
    actor_user_id UUID,
    action        TEXT        NOT NULL,
    outcome       TEXT        NOT NULL,
    subject_type  TEXT,
    subject_id    TEXT,
    reason        TEXT,
    request_id    TEXT,
    CONSTRAINT audit_log_pkey PRIMARY KEY (audit_id),
    CONSTRAINT audit_log_outcome_check CHECK (outcome IN ('done', 'denied'))
);
CREATE INDEX audit_log_tenant_idx ON audit_log (tenant_id, audit_id);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
