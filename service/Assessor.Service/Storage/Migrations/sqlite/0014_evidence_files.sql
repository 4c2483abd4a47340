-- Evidence files a specialist uploads to a checklist run's items. The bytes are kept once per SHA-256 (content-addressed);
-- each attachment names the run, the item and the file, so a plan's readers can fetch exactly what its runs name.
CREATE TABLE evidence_blobs (
    sha256      TEXT PRIMARY KEY,
    media_type  TEXT NOT NULL,
    size        INTEGER NOT NULL,
    content     BLOB NOT NULL,
    created_at  TEXT NOT NULL
);

CREATE TABLE evidence_files (
    run_id       TEXT NOT NULL REFERENCES checklist_runs (id),
    item_id      TEXT NOT NULL,
    sha256       TEXT NOT NULL REFERENCES evidence_blobs (sha256),
    plan_id      TEXT NOT NULL REFERENCES plans (id),
    name         TEXT NOT NULL,
    uploaded_by  TEXT NOT NULL,
    uploaded_at  TEXT NOT NULL,
    PRIMARY KEY (run_id, item_id, sha256)
);

CREATE INDEX ix_evidence_files_plan ON evidence_files (plan_id, sha256);
