-- Specialist registry (admin-maintained), their public keys, checklist runs and sign-offs.
CREATE TABLE specialists (
    id                          TEXT PRIMARY KEY,
    registration_number         TEXT NOT NULL UNIQUE,
    kind                        TEXT NOT NULL,
    name                        TEXT NOT NULL,
    employer_corporate_number   TEXT NOT NULL,
    valid_from                  TEXT NOT NULL,
    valid_until                 TEXT NOT NULL,
    revoked_at                  TEXT NULL,
    version                     INTEGER NOT NULL,
    created_at                  TEXT NOT NULL
);

CREATE TABLE specialist_keys (
    key_id          TEXT PRIMARY KEY,
    specialist_id   TEXT NOT NULL REFERENCES specialists (id),
    public_key_pem  TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    revoked_at      TEXT NULL
);

CREATE TABLE checklist_runs (
    id                 TEXT PRIMARY KEY,
    plan_id            TEXT NOT NULL REFERENCES plans (id),
    plan_revision      INTEGER NOT NULL,
    plan_sha256        TEXT NOT NULL,
    checklist_id       TEXT NOT NULL,
    checklist_version  INTEGER NOT NULL,
    specialist_id      TEXT NOT NULL REFERENCES specialists (id),
    version            INTEGER NOT NULL,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
);

CREATE INDEX ix_checklist_runs_plan ON checklist_runs (plan_id, plan_revision);

CREATE TABLE checklist_answers (
    run_id         TEXT NOT NULL REFERENCES checklist_runs (id),
    item_id        TEXT NOT NULL,
    answer         TEXT NOT NULL,
    justification  TEXT NULL,
    notes          TEXT NULL,
    evidence       TEXT NOT NULL,
    answered_at    TEXT NOT NULL,
    PRIMARY KEY (run_id, item_id)
);

-- One sign-off per run: the UNIQUE run_id makes a second, concurrent sign-off fail instead of doubling.
CREATE TABLE signoffs (
    id                TEXT PRIMARY KEY,
    run_id            TEXT NOT NULL UNIQUE REFERENCES checklist_runs (id),
    plan_id           TEXT NOT NULL REFERENCES plans (id),
    plan_revision     INTEGER NOT NULL,
    key_id            TEXT NOT NULL,
    verdict           TEXT NOT NULL,
    envelope          TEXT NOT NULL,
    statement_sha256  TEXT NOT NULL,
    signed_at         TEXT NOT NULL
);

CREATE INDEX ix_signoffs_plan ON signoffs (plan_id, plan_revision);
