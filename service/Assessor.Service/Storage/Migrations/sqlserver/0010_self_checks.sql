-- An applicant's own self-check runs (attestation kind applicant-self-check), one per plan revision, and their answers.
CREATE TABLE self_check_runs (
    id                 uniqueidentifier PRIMARY KEY,
    plan_id            uniqueidentifier NOT NULL REFERENCES plans (id),
    plan_revision      bigint NOT NULL,
    plan_sha256        nvarchar(64) COLLATE Latin1_General_BIN2 NOT NULL,
    checklist_id       nvarchar(128) COLLATE Latin1_General_BIN2 NOT NULL,
    checklist_version  bigint NOT NULL,
    started_by         uniqueidentifier NOT NULL,
    created_at         datetimeoffset NOT NULL,
    updated_at         datetimeoffset NOT NULL
);

-- One run per revision: two concurrent starts cannot both succeed.
CREATE UNIQUE INDEX ux_self_check_runs_revision ON self_check_runs (plan_id, plan_revision);

CREATE TABLE self_check_answers (
    run_id       uniqueidentifier NOT NULL REFERENCES self_check_runs (id),
    item_id      nvarchar(64) COLLATE Latin1_General_BIN2 NOT NULL,
    answer       nvarchar(16) COLLATE Latin1_General_BIN2 NOT NULL,
    notes        nvarchar(max) NULL,
    answered_by  uniqueidentifier NOT NULL,
    answered_at  datetimeoffset NOT NULL,
    PRIMARY KEY (run_id, item_id)
);
