-- Specialist registry (admin-maintained), their public keys, checklist runs and sign-offs.
CREATE TABLE specialists (
    id                          uuid PRIMARY KEY,
    registration_number         text NOT NULL UNIQUE,
    kind                        text NOT NULL,
    name                        text NOT NULL,
    employer_corporate_number   text NOT NULL,
    valid_from                  date NOT NULL,
    valid_until                 date NOT NULL,
    revoked_at                  timestamptz NULL,
    version                     bigint NOT NULL,
    created_at                  timestamptz NOT NULL
);

CREATE TABLE specialist_keys (
    key_id          text PRIMARY KEY,
    specialist_id   uuid NOT NULL REFERENCES specialists (id),
    public_key_pem  text NOT NULL,
    created_at      timestamptz NOT NULL,
    revoked_at      timestamptz NULL
);

CREATE TABLE checklist_runs (
    id                 uuid PRIMARY KEY,
    plan_id            uuid NOT NULL REFERENCES plans (id),
    plan_revision      bigint NOT NULL,
    plan_sha256        text NOT NULL,
    checklist_id       text NOT NULL,
    checklist_version  bigint NOT NULL,
    specialist_id      uuid NOT NULL REFERENCES specialists (id),
    version            bigint NOT NULL,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL
);

CREATE INDEX ix_checklist_runs_plan ON checklist_runs (plan_id, plan_revision);

CREATE TABLE checklist_answers (
    run_id         uuid NOT NULL REFERENCES checklist_runs (id),
    item_id        text NOT NULL,
    answer         text NOT NULL,
    justification  text NULL,
    notes          text NULL,
    evidence       text NOT NULL,
    answered_at    timestamptz NOT NULL,
    PRIMARY KEY (run_id, item_id)
);

-- One sign-off per run: the UNIQUE run_id makes a second, concurrent sign-off fail instead of doubling.
CREATE TABLE signoffs (
    id                uuid PRIMARY KEY,
    run_id            uuid NOT NULL UNIQUE REFERENCES checklist_runs (id),
    plan_id           uuid NOT NULL REFERENCES plans (id),
    plan_revision     bigint NOT NULL,
    key_id            text NOT NULL,
    verdict           text NOT NULL,
    envelope          text NOT NULL,
    statement_sha256  text NOT NULL,
    signed_at         timestamptz NOT NULL
);

CREATE INDEX ix_signoffs_plan ON signoffs (plan_id, plan_revision);
