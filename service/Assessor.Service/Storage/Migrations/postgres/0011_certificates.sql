-- Certificate numbers (docs/certificates.md): <prefix>-<year>-<serial>, the serial counted per prefix and JST year from 1.
-- Assigned in the certifying transaction while the audit log is locked, so two certifications never take the same serial;
-- the unique keys are the second line of defence.
CREATE TABLE certificates (
    number         text PRIMARY KEY,
    prefix         text NOT NULL,
    year           integer NOT NULL,
    serial         bigint NOT NULL,
    plan_id        uuid NOT NULL UNIQUE REFERENCES plans (id),
    decision_id    uuid NOT NULL REFERENCES decisions (id),
    report_digest  text NOT NULL REFERENCES certified_reports (report_digest),
    log_index      bigint NOT NULL,
    issued_at      timestamptz NOT NULL,
    UNIQUE (prefix, year, serial)
);
