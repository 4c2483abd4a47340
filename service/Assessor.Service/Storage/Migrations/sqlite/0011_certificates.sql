-- Certificate numbers (docs/certificates.md): <prefix>-<year>-<serial>, the serial counted per prefix and JST year from 1.
-- Assigned in the certifying transaction while the audit log is locked, so two certifications never take the same serial;
-- the unique keys are the second line of defence.
CREATE TABLE certificates (
    number         TEXT PRIMARY KEY,
    prefix         TEXT NOT NULL,
    year           INTEGER NOT NULL,
    serial         INTEGER NOT NULL,
    plan_id        TEXT NOT NULL UNIQUE REFERENCES plans (id),
    decision_id    TEXT NOT NULL REFERENCES decisions (id),
    report_digest  TEXT NOT NULL REFERENCES certified_reports (report_digest),
    log_index      INTEGER NOT NULL,
    issued_at      TEXT NOT NULL,
    UNIQUE (prefix, year, serial)
);
