-- A reviewer's decision on one plan revision; append-only.
CREATE TABLE decisions (
    id             TEXT PRIMARY KEY,
    plan_id        TEXT NOT NULL REFERENCES plans (id),
    plan_revision  INTEGER NOT NULL,
    decision       TEXT NOT NULL,
    reason         TEXT NULL,
    reviewer_id    TEXT NOT NULL,
    decided_at     TEXT NOT NULL
);

CREATE INDEX ix_decisions_plan ON decisions (plan_id, decided_at);
