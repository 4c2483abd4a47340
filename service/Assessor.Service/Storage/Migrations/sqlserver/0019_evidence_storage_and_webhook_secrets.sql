-- Where an evidence file's bytes are: 'database' (in content, as before) or 'folder' (a file named by the SHA-256 under
-- Assessor:Evidence:Folder; content is then empty). Each file keeps where it was put when the setting changes later.
ALTER TABLE evidence_blobs ADD stored_in nvarchar(16) COLLATE Latin1_General_BIN2 NOT NULL DEFAULT 'database';

-- A rotated webhook secret stays valid until previous_secret_until: deliveries carry a signature with each secret meanwhile.
ALTER TABLE webhook_endpoints ADD previous_secret nvarchar(200) COLLATE Latin1_General_BIN2 NULL, previous_secret_until datetimeoffset NULL;
