-- Evidence files a specialist uploads to a checklist run's items. The bytes are kept once per SHA-256 (content-addressed);
-- each attachment names the run, the item and the file, so a plan's readers can fetch exactly what its runs name.
CREATE TABLE evidence_blobs (
    sha256      nvarchar(64) COLLATE Latin1_General_BIN2 PRIMARY KEY,
    media_type  nvarchar(128) COLLATE Latin1_General_BIN2 NOT NULL,
    size        bigint NOT NULL,
    content     varbinary(max) NOT NULL,
    created_at  datetimeoffset NOT NULL
);

CREATE TABLE evidence_files (
    run_id       uniqueidentifier NOT NULL REFERENCES checklist_runs (id),
    item_id      nvarchar(64) COLLATE Latin1_General_BIN2 NOT NULL,
    sha256       nvarchar(64) COLLATE Latin1_General_BIN2 NOT NULL REFERENCES evidence_blobs (sha256),
    plan_id      uniqueidentifier NOT NULL REFERENCES plans (id),
    name         nvarchar(500) NOT NULL,
    uploaded_by  uniqueidentifier NOT NULL,
    uploaded_at  datetimeoffset NOT NULL,
    PRIMARY KEY (run_id, item_id, sha256)
);

CREATE INDEX ix_evidence_files_plan ON evidence_files (plan_id, sha256);
