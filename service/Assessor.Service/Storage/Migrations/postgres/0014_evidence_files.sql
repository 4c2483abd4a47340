-- Evidence files a specialist uploads to a checklist run's items. The bytes are kept once per SHA-256 (content-addressed);
-- each attachment names the run, the item and the file, so a plan's readers can fetch exactly what its runs name.
CREATE TABLE evidence_blobs (
    sha256      text PRIMARY KEY,
    media_type  text NOT NULL,
    size        bigint NOT NULL,
    content     bytea NOT NULL,
    created_at  timestamptz NOT NULL
);

CREATE TABLE evidence_files (
    run_id       uuid NOT NULL REFERENCES checklist_runs (id),
    item_id      text NOT NULL,
    sha256       text NOT NULL REFERENCES evidence_blobs (sha256),
    plan_id      uuid NOT NULL REFERENCES plans (id),
    name         text NOT NULL,
    uploaded_by  uuid NOT NULL,
    uploaded_at  timestamptz NOT NULL,
    PRIMARY KEY (run_id, item_id, sha256)
);

CREATE INDEX ix_evidence_files_plan ON evidence_files (plan_id, sha256);
