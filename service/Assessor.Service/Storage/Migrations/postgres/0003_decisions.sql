-- A reviewer's decision on one plan revision; append-only.
CREATE TABLE decisions (
    id             uuid PRIMARY KEY,
    plan_id        uuid NOT NULL REFERENCES plans (id),
    plan_revision  bigint NOT NULL,
    decision       text NOT NULL,
    reason         text NULL,
    reviewer_id    uuid NOT NULL,
    decided_at     timestamptz NOT NULL
);

CREATE INDEX ix_decisions_plan ON decisions (plan_id, decided_at);
