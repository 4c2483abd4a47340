-- A reviewer's decision on one plan revision; append-only.
CREATE TABLE decisions (
    id             uniqueidentifier PRIMARY KEY,
    plan_id        uniqueidentifier NOT NULL REFERENCES plans (id),
    plan_revision  bigint NOT NULL,
    decision       nvarchar(16) COLLATE Latin1_General_BIN2 NOT NULL,
    reason         nvarchar(max) NULL,
    reviewer_id    uniqueidentifier NOT NULL,
    decided_at     datetimeoffset NOT NULL
);

CREATE INDEX ix_decisions_plan ON decisions (plan_id, decided_at);
