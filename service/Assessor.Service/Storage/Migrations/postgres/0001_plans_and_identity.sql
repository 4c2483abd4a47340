-- Ids are uuid, times timestamptz (UTC), money whole yen in bigint.
CREATE TABLE principals (
    id               uuid PRIMARY KEY,
    name             text NOT NULL,
    role             text NOT NULL,
    corporate_number text NULL,
    specialist_id    uuid NULL,
    created_at       timestamptz NOT NULL
);

CREATE TABLE api_keys (
    id           uuid PRIMARY KEY,
    principal_id uuid NOT NULL REFERENCES principals (id),
    key_hash     text NOT NULL UNIQUE,
    created_at   timestamptz NOT NULL,
    revoked_at   timestamptz NULL
);

CREATE TABLE plans (
    id                            uuid PRIMARY KEY,
    applicant_corporate_number    text NOT NULL,
    regime                        text NOT NULL,
    title                         text NOT NULL,
    applicant_name                text NOT NULL,
    status                        text NOT NULL,
    current_revision              bigint NOT NULL,
    version                       bigint NOT NULL,
    specialist_registration_number text NULL,
    created_at                    timestamptz NOT NULL,
    updated_at                    timestamptz NOT NULL
);

CREATE INDEX ix_plans_listing ON plans (created_at, id);
CREATE INDEX ix_plans_applicant ON plans (applicant_corporate_number, created_at, id);

CREATE TABLE plan_revisions (
    plan_id    uuid NOT NULL REFERENCES plans (id),
    number     bigint NOT NULL,
    body       bytea NOT NULL,
    sha256     text NOT NULL,
    author_id  uuid NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (plan_id, number)
);
