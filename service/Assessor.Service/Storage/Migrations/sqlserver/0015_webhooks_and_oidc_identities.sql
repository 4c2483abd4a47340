-- Webhook endpoints (Standard Webhooks) and their durable outbox: a delivery row is written in the transaction of the
-- change it announces, and a background service sends it, retrying with backoff, until it is delivered or given up.
CREATE TABLE webhook_endpoints (
    id                    uniqueidentifier PRIMARY KEY,
    owner_id              uniqueidentifier NOT NULL REFERENCES principals (id),
    url                   nvarchar(2000) COLLATE Latin1_General_BIN2 NOT NULL,
    secret                nvarchar(200) COLLATE Latin1_General_BIN2 NOT NULL,
    private_allowed_by    uniqueidentifier NULL,
    consecutive_failures  bigint NOT NULL,
    created_at            datetimeoffset NOT NULL,
    disabled_at           datetimeoffset NULL
);

CREATE INDEX ix_webhook_endpoints_owner ON webhook_endpoints (owner_id);

CREATE TABLE webhook_deliveries (
    id               uniqueidentifier PRIMARY KEY,
    endpoint_id      uniqueidentifier NOT NULL REFERENCES webhook_endpoints (id),
    event_type       nvarchar(64) COLLATE Latin1_General_BIN2 NOT NULL,
    log_index        bigint NOT NULL,
    plan_id          uniqueidentifier NOT NULL,
    payload          nvarchar(max) NOT NULL,
    status           nvarchar(16) COLLATE Latin1_General_BIN2 NOT NULL,
    attempts         bigint NOT NULL,
    next_attempt_at  datetimeoffset NOT NULL,
    last_status      bigint NULL,
    last_error       nvarchar(1000) NULL,
    created_at       datetimeoffset NOT NULL,
    delivered_at     datetimeoffset NULL
);

CREATE INDEX ix_webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
CREATE INDEX ix_webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, created_at);

-- Identities at the configured OpenID Connect issuer, each linked by an admin to one existing principal.
CREATE TABLE oidc_identities (
    issuer        nvarchar(450) COLLATE Latin1_General_BIN2 NOT NULL,
    subject       nvarchar(255) COLLATE Latin1_General_BIN2 NOT NULL,
    principal_id  uniqueidentifier NOT NULL REFERENCES principals (id),
    linked_at     datetimeoffset NOT NULL,
    PRIMARY KEY (issuer, subject)
);
