-- Who may read a plan (issue 15): every company its current revision lists as a participant, the lead included, kept in
-- step with each revision in the same transaction. An applicant's listing walks its own rows in creation order, so the
-- plan's creation time is copied here: the listing seeks (corporate_number, plan_created_at) and never reads other plans.
CREATE TABLE plan_participants (
    plan_id          uniqueidentifier NOT NULL REFERENCES plans (id),
    corporate_number nvarchar(16) COLLATE Latin1_General_BIN2 NOT NULL,
    plan_created_at  datetimeoffset NOT NULL,
    PRIMARY KEY (plan_id, corporate_number)
);

CREATE INDEX ix_plan_participants_listing ON plan_participants (corporate_number, plan_created_at, plan_id);

-- Every plan so far has its applicant; the other participants of consortium plans uploaded before this are indexed
-- from their next revision.
INSERT INTO plan_participants (plan_id, corporate_number, plan_created_at)
SELECT id, applicant_corporate_number, created_at FROM plans;

-- A non-lead participant's confirmation of one revision, bound to that revision's digest; only the current revision's count.
CREATE TABLE consortium_consents (
    plan_id          uniqueidentifier NOT NULL REFERENCES plans (id),
    plan_revision    bigint NOT NULL,
    plan_sha256      nvarchar(64) COLLATE Latin1_General_BIN2 NOT NULL,
    corporate_number nvarchar(16) COLLATE Latin1_General_BIN2 NOT NULL,
    principal_id     uniqueidentifier NOT NULL,
    created_at       datetimeoffset NOT NULL,
    PRIMARY KEY (plan_id, plan_revision, corporate_number)
);
