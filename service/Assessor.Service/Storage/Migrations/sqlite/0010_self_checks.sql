-- An applicant's own self-check runs (attestation kind applicant-self-check), one per plan revision, and their answers.
CREATE TABLE self_check_runs (
    id                 TEXT PRIMARY KEY,
    plan_id            TEXT NOT NULL REFERENCES plans (id),
    plan_revision      INTEGER NOT NULL,
    plan_sha256        TEXT NOT NULL,
    checklist_id       TEXT NOT NULL,
    checklist_version  INTEGER NOT NULL,
    started_by         TEXT NOT NULL,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
);

-- One run per revision: two concurrent starts cannot both succeed.
CREATE UNIQUE INDEX ux_self_check_runs_revision ON self_check_runs (plan_id, plan_revision);

CREATE TABLE self_check_answers (
    run_id       TEXT NOT NULL REFERENCES self_check_runs (id),
    item_id      TEXT NOT NULL,
    answer       TEXT NOT NULL,
    notes        TEXT NULL,
    answered_by  TEXT NOT NULL,
    answered_at  TEXT NOT NULL,
    PRIMARY KEY (run_id, item_id)
);
