-- A run is signed once: the sign-off sets signed_at in the same row update that checks the run's version,
-- so an answer racing the sign-off (which requires signed_at IS NULL) can never slip in after it.
ALTER TABLE checklist_runs ADD COLUMN signed_at TEXT NULL;

-- One service signing key: instances starting together all try to fill this one slot; the first wins.
ALTER TABLE service_keys ADD COLUMN slot TEXT NULL;
CREATE UNIQUE INDEX ux_service_keys_slot ON service_keys (slot);

-- A key generated before this slot existed keeps signing, so its reports stay verifiable.
UPDATE service_keys SET slot = 'signing'
WHERE key_id = (SELECT key_id FROM service_keys ORDER BY created_at, key_id LIMIT 1);
