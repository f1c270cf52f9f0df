-- With authentication, a key belongs to the principal who sent it, not to the whole tenant: two
-- people of one school may pick the same key without seeing each other's responses.
ALTER TABLE idempotency_keys ADD COLUMN principal TEXT NOT NULL DEFAULT '';
ALTER TABLE idempotency_keys ALTER COLUMN principal DROP DEFAULT;
ALTER TABLE idempotency_keys DROP CONSTRAINT idempotency_keys_pkey;
ALTER TABLE idempotency_keys ADD CONSTRAINT idempotency_keys_pkey PRIMARY KEY (tenant_id, principal, idempotency_key);
