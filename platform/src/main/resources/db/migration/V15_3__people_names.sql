-- People have names (docs/adr/0027-names-jit-provisioning-runtime-tenants.md).
-- The audit log records the actor's display name next to their subject, as it was when they acted
-- (null for rows written before this column, and for system actors such as bootstrap).
ALTER TABLE audit_log ADD COLUMN actor_display_name TEXT;

