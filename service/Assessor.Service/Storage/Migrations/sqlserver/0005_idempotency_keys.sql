-- A request retried with the same Idempotency-Key gets the first response back instead of acting twice.
-- status_code is NULL while the first request is still being processed.
CREATE TABLE idempotency_keys (
    principal_id     uniqueidentifier NOT NULL,
    idempotency_key  nvarchar(255) COLLATE Latin1_General_BIN2 NOT NULL,
    request_sha256   nvarchar(64) COLLATE Latin1_General_BIN2 NOT NULL,
    status_code      bigint NULL,
    content_type     nvarchar(max) NULL,
    location         nvarchar(max) NULL,
    etag             nvarchar(max) NULL,
    body             varbinary(max) NULL,
    created_at       datetimeoffset NOT NULL,
    PRIMARY KEY (principal_id, idempotency_key)
);
