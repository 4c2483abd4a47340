-- The service's own signing keys (generated on first start when none is configured).
CREATE TABLE service_keys (
    key_id           TEXT PRIMARY KEY,
    private_key_pem  TEXT NOT NULL,
    created_at       TEXT NOT NULL
);

-- A certified report: rendered once at certification, then only ever served.
CREATE TABLE certified_reports (
    report_digest  TEXT PRIMARY KEY,
    plan_id        TEXT NOT NULL UNIQUE REFERENCES plans (id),
    plan_revision  INTEGER NOT NULL,
    decision_id    TEXT NOT NULL REFERENCES decisions (id),
    envelope       TEXT NOT NULL,
    key_id         TEXT NOT NULL,
    created_at     TEXT NOT NULL
);

CREATE TABLE report_files (
    report_digest  TEXT NOT NULL REFERENCES certified_reports (report_digest),
    format         TEXT NOT NULL,
    content_type   TEXT NOT NULL,
    sha256         TEXT NOT NULL,
    size           INTEGER NOT NULL,
    body           BLOB NOT NULL,
    PRIMARY KEY (report_digest, format)
);

CREATE INDEX ix_report_files_sha256 ON report_files (sha256);
