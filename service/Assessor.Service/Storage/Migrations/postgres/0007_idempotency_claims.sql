-- The claim that may record the response: a retry that takes over a stale claim gets a new id, so a request still
-- running under the old claim can no longer record (its effect rolls back with its response).
ALTER TABLE idempotency_keys ADD COLUMN claim_id uuid NULL;
