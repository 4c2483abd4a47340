-- The service's own signing keys (generated on first start when none is configured).
CREATE TABLE service_keys (
    key_id           nvarchar(64) COLLATE Latin1_General_BIN2 PRIMARY KEY,
    private_key_pem  nvarchar(max) NOT NULL,
    created_at       datetimeoffset NOT NULL
);

-- A certified report: rendered once at certification, then only ever served.
CREATE TABLE certified_reports (
    report_digest  nvarchar(64) COLLATE Latin1_General_BIN2 PRIMARY KEY,
    plan_id        uniqueidentifier NOT NULL UNIQUE REFERENCES plans (id),
    plan_revision  bigint NOT NULL,
    decision_id    uniqueidentifier NOT NULL REFERENCES decisions (id),
    envelope       nvarchar(max) NOT NULL,
    key_id         nvarchar(64) COLLATE Latin1_General_BIN2 NOT NULL,
    created_at     datetimeoffset NOT NULL
);

CREATE TABLE report_files (
    report_digest  nvarchar(64) COLLATE Latin1_General_BIN2 NOT NULL REFERENCES certified_reports (report_digest),
    format         nvarchar(16) COLLATE Latin1_General_BIN2 NOT NULL,
    content_type   nvarchar(64) COLLATE Latin1_General_BIN2 NOT NULL,
    sha256         nvarchar(64) COLLATE Latin1_General_BIN2 NOT NULL,
    size           bigint NOT NULL,
    body           varbinary(max) NOT NULL,
    PRIMARY KEY (report_digest, format)
);

CREATE INDEX ix_report_files_sha256 ON report_files (sha256);
