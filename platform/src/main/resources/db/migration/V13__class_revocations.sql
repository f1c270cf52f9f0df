-- Command-side lookup of people removed from a class (participant.revoked), written in the same transaction
-- as that event by the revocation endpoint. Lets paths that do not go through the Session aggregate (poll
-- votes, docs/adr/0010) refuse a removed person in the same statement that reads the poll's gate.
CREATE TABLE class_revocations (
    tenant_id  text        NOT NULL,
    session_id uuid        NOT NULL,
    user_id    uuid        NOT NULL,
    revoked_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, session_id, user_id)
);
