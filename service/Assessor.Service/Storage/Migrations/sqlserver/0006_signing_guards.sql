-- A run is signed once: the sign-off sets signed_at in the same row update that checks the run's version,
-- so an answer racing the sign-off (which requires signed_at IS NULL) can never slip in after it.
ALTER TABLE checklist_runs ADD signed_at datetimeoffset NULL;

-- One service signing key: instances starting together all try to fill this one slot; the first wins.
ALTER TABLE service_keys ADD slot nvarchar(32) COLLATE Latin1_General_BIN2 NULL;
GO
CREATE UNIQUE INDEX ux_service_keys_slot ON service_keys (slot) WHERE slot IS NOT NULL;
GO
-- A key generated before this slot existed keeps signing, so its reports stay verifiable.
UPDATE service_keys SET slot = 'signing'
WHERE key_id = (SELECT TOP 1 key_id FROM service_keys ORDER BY created_at, key_id);
