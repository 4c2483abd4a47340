-- An applicant's own self-check runs (attestation kind applicant-self-check), one per plan revision, and their answers.
CREATE TABLE self_check_runs (
    id                 uuid PRIMARY KEY,
    plan_id            uuid NOT NULL REFERENCES plans (id),
    plan_revision      bigint NOT NULL,
    plan_sha256        text NOT NULL,
    checklist_id       text NOT NULL,
    checklist_version  bigint NOT NULL,
    started_by         uuid NOT NULL,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL
);

-- One run per revision: two concurrent starts cannot both succeed.
CREATE UNIQUE INDEX ux_self_check_runs_revision ON self_check_runs (plan_id, plan_revision);

CREATE TABLE self_check_answers (
    run_id       uuid NOT NULL REFERENCES self_check_runs (id),
    item_id      text NOT NULL,
    answer       text NOT NULL,
    notes        text NULL,
    answered_by  uuid NOT NULL,
    answered_at  timestamptz NOT NULL,
    PRIMARY KEY (run_id, item_id)
);
