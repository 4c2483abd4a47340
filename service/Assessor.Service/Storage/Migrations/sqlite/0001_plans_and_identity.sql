-- Ids are lower-case GUID text, times ISO-8601 UTC text ("O" format, so text order is time order),
-- money whole yen in INTEGER.
CREATE TABLE principals (
    id               TEXT PRIMARY KEY,
    name             TEXT NOT NULL,
    role             TEXT NOT NULL,
    corporate_number TEXT NULL,
    specialist_id    TEXT NULL,
    created_at       TEXT NOT NULL
);

CREATE TABLE api_keys (
    id           TEXT PRIMARY KEY,
    principal_id TEXT NOT NULL REFERENCES principals (id),
    key_hash     TEXT NOT NULL UNIQUE,
    created_at   TEXT NOT NULL,
    revoked_at   TEXT NULL
);

CREATE TABLE plans (
    id                            TEXT PRIMARY KEY,
    applicant_corporate_number    TEXT NOT NULL,
    regime                        TEXT NOT NULL,
    title                         TEXT NOT NULL,
    applicant_name                TEXT NOT NULL,
    status                        TEXT NOT NULL,
    current_revision              INTEGER NOT NULL,
    version                       INTEGER NOT NULL,
    specialist_registration_number TEXT NULL,
    created_at                    TEXT NOT NULL,
    updated_at                    TEXT NOT NULL
);

CREATE INDEX ix_plans_listing ON plans (created_at, id);
CREATE INDEX ix_plans_applicant ON plans (applicant_corporate_number, created_at, id);

CREATE TABLE plan_revisions (
    plan_id    TEXT NOT NULL REFERENCES plans (id),
    number     INTEGER NOT NULL,
    body       BLOB NOT NULL,
    sha256     TEXT NOT NULL,
    author_id  TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (plan_id, number)
);
