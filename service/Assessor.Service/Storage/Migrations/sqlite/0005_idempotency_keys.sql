-- A request retried with the same Idempotency-Key gets the first response back instead of acting twice.
-- status_code is NULL while the first request is still being processed.
CREATE TABLE idempotency_keys (
    principal_id     TEXT NOT NULL,
    idempotency_key  TEXT NOT NULL,
    request_sha256   TEXT NOT NULL,
    status_code      INTEGER NULL,
    content_type     TEXT NULL,
    location         TEXT NULL,
    etag             TEXT NULL,
    body             BLOB NULL,
    created_at       TEXT NOT NULL,
    PRIMARY KEY (principal_id, idempotency_key)
);
