-- Specialist registry (admin-maintained), their public keys, checklist runs and sign-offs.
CREATE TABLE specialists (
    id                          uniqueidentifier PRIMARY KEY,
    registration_number         nvarchar(32) COLLATE Latin1_General_BIN2 NOT NULL UNIQUE,
    kind                        nvarchar(32) COLLATE Latin1_General_BIN2 NOT NULL,
    name                        nvarchar(max) NOT NULL,
    employer_corporate_number   nvarchar(16) COLLATE Latin1_General_BIN2 NOT NULL,
    valid_from                  date NOT NULL,
    valid_until                 date NOT NULL,
    revoked_at                  datetimeoffset NULL,
    version                     bigint NOT NULL,
    created_at                  datetimeoffset NOT NULL
);

CREATE TABLE specialist_keys (
    key_id          nvarchar(64) COLLATE Latin1_General_BIN2 PRIMARY KEY,
    specialist_id   uniqueidentifier NOT NULL REFERENCES specialists (id),
    public_key_pem  nvarchar(max) NOT NULL,
    created_at      datetimeoffset NOT NULL,
    revoked_at      datetimeoffset NULL
);

CREATE TABLE checklist_runs (
    id                 uniqueidentifier PRIMARY KEY,
    plan_id            uniqueidentifier NOT NULL REFERENCES plans (id),
    plan_revision      bigint NOT NULL,
    plan_sha256        nvarchar(64) COLLATE Latin1_General_BIN2 NOT NULL,
    checklist_id       nvarchar(128) COLLATE Latin1_General_BIN2 NOT NULL,
    checklist_version  bigint NOT NULL,
    specialist_id      uniqueidentifier NOT NULL REFERENCES specialists (id),
    version            bigint NOT NULL,
    created_at         datetimeoffset NOT NULL,
    updated_at         datetimeoffset NOT NULL
);

CREATE INDEX ix_checklist_runs_plan ON checklist_runs (plan_id, plan_revision);

CREATE TABLE checklist_answers (
    run_id         uniqueidentifier NOT NULL REFERENCES checklist_runs (id),
    item_id        nvarchar(64) COLLATE Latin1_General_BIN2 NOT NULL,
    answer         nvarchar(max) NOT NULL,
    justification  nvarchar(max) NULL,
    notes          nvarchar(max) NULL,
    evidence       nvarchar(max) NOT NULL,
    answered_at    datetimeoffset NOT NULL,
    PRIMARY KEY (run_id, item_id)
);

-- One sign-off per run: the UNIQUE run_id makes a second, concurrent sign-off fail instead of doubling.
CREATE TABLE signoffs (
    id                uniqueidentifier PRIMARY KEY,
    run_id            uniqueidentifier NOT NULL UNIQUE REFERENCES checklist_runs (id),
    plan_id           uniqueidentifier NOT NULL REFERENCES plans (id),
    plan_revision     bigint NOT NULL,
    key_id            nvarchar(64) COLLATE Latin1_General_BIN2 NOT NULL,
    verdict           nvarchar(16) COLLATE Latin1_General_BIN2 NOT NULL,
    envelope          nvarchar(max) NOT NULL,
    statement_sha256  nvarchar(64) COLLATE Latin1_General_BIN2 NOT NULL,
    signed_at         datetimeoffset NOT NULL
);

CREATE INDEX ix_signoffs_plan ON signoffs (plan_id, plan_revision);
