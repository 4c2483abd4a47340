-- The service's own signing keys (generated on first start when none is configured).
CREATE TABLE service_keys (
    key_id           text PRIMARY KEY,
    private_key_pem  text NOT NULL,
    created_at       timestamptz NOT NULL
);

-- A certified report: rendered once at certification, then only ever served.
CREATE TABLE certified_reports (
    report_digest  text PRIMARY KEY,
    plan_id        uuid NOT NULL UNIQUE REFERENCES plans (id),
    plan_revision  bigint NOT NULL,
    decision_id    uuid NOT NULL REFERENCES decisions (id),
    envelope       text NOT NULL,
    key_id         text NOT NULL,
    created_at     timestamptz NOT NULL
);

CREATE TABLE report_files (
    report_digest  text NOT NULL REFERENCES certified_reports (report_digest),
    format         text NOT NULL,
    content_type   text NOT NULL,
    sha256         text NOT NULL,
    size           bigint NOT NULL,
    body           bytea NOT NULL,
    PRIMARY KEY (report_digest, format)
);

CREATE INDEX ix_report_files_sha256 ON report_files (sha256);
