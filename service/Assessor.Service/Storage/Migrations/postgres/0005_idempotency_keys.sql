-- A request retried with the same Idempotency-Key gets the first response back instead of acting twice.
-- status_code is NULL while the first request is still being processed.
CREATE TABLE idempotency_keys (
    principal_id     uuid NOT NULL,
    idempotency_key  text NOT NULL,
    request_sha256   text NOT NULL,
    status_code      bigint NULL,
    content_type     text NULL,
    location         text NULL,
    etag             text NULL,
    body             bytea NULL,
    created_at       timestamptz NOT NULL,
    PRIMARY KEY (principal_id, idempotency_key)
);
