-- Ids are uniqueidentifier, times datetimeoffset (UTC), money whole yen in bigint. Keyed text is
-- binary-collated: codes, digests and keys compare exactly, as on SQLite and PostgreSQL.
CREATE TABLE principals (
    id               uniqueidentifier PRIMARY KEY,
    name             nvarchar(max) NOT NULL,
    role             nvarchar(32) COLLATE Latin1_General_BIN2 NOT NULL,
    corporate_number nvarchar(16) COLLATE Latin1_General_BIN2 NULL,
    specialist_id    uniqueidentifier NULL,
    created_at       datetimeoffset NOT NULL
);

CREATE TABLE api_keys (
    id           uniqueidentifier PRIMARY KEY,
    principal_id uniqueidentifier NOT NULL REFERENCES principals (id),
    key_hash     nvarchar(64) COLLATE Latin1_General_BIN2 NOT NULL UNIQUE,
    created_at   datetimeoffset NOT NULL,
    revoked_at   datetimeoffset NULL
);

CREATE TABLE plans (
    id                            uniqueidentifier PRIMARY KEY,
    applicant_corporate_number    nvarchar(16) COLLATE Latin1_General_BIN2 NOT NULL,
    regime                        nvarchar(128) COLLATE Latin1_General_BIN2 NOT NULL,
    title                         nvarchar(max) NOT NULL,
    applicant_name                nvarchar(max) NOT NULL,
    status                        nvarchar(32) COLLATE Latin1_General_BIN2 NOT NULL,
    current_revision              bigint NOT NULL,
    version                       bigint NOT NULL,
    specialist_registration_number nvarchar(32) COLLATE Latin1_General_BIN2 NULL,
    created_at                    datetimeoffset NOT NULL,
    updated_at                    datetimeoffset NOT NULL
);

CREATE INDEX ix_plans_listing ON plans (created_at, id);
CREATE INDEX ix_plans_applicant ON plans (applicant_corporate_number, created_at, id);

CREATE TABLE plan_revisions (
    plan_id    uniqueidentifier NOT NULL REFERENCES plans (id),
    number     bigint NOT NULL,
    body       varbinary(max) NOT NULL,
    sha256     nvarchar(64) COLLATE Latin1_General_BIN2 NOT NULL,
    author_id  uniqueidentifier NOT NULL,
    created_at datetimeoffset NOT NULL,
    PRIMARY KEY (plan_id, number)
);
