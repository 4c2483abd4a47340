-- Certificate numbers (docs/certificates.md): <prefix>-<year>-<serial>, the serial counted per prefix and JST year from 1.
-- Assigned in the certifying transaction while the audit log is locked, so two certifications never take the same serial;
-- the unique keys are the second line of defence.
CREATE TABLE certificates (
    number         nvarchar(32) COLLATE Latin1_General_BIN2 PRIMARY KEY,
    prefix         nvarchar(8) COLLATE Latin1_General_BIN2 NOT NULL,
    year           int NOT NULL,
    serial         bigint NOT NULL,
    plan_id        uniqueidentifier NOT NULL UNIQUE REFERENCES plans (id),
    decision_id    uniqueidentifier NOT NULL REFERENCES decisions (id),
    report_digest  nvarchar(64) COLLATE Latin1_General_BIN2 NOT NULL REFERENCES certified_reports (report_digest),
    log_index      bigint NOT NULL,
    issued_at      datetimeoffset NOT NULL,
    CONSTRAINT ux_certificates_serial UNIQUE (prefix, year, serial)
);
