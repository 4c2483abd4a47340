-- Webhook endpoints (Standard Webhooks) and their durable outbox: a delivery row is written in the transaction of the
-- change it announces, and a background service sends it, retrying with backoff, until it is delivered or given up.
CREATE TABLE webhook_endpoints (
    id                    TEXT PRIMARY KEY,
    owner_id              TEXT NOT NULL REFERENCES principals (id),
    url                   TEXT NOT NULL,
    secret                TEXT NOT NULL,
    private_allowed_by    TEXT NULL,
    consecutive_failures  INTEGER NOT NULL,
    created_at            TEXT NOT NULL,
    disabled_at           TEXT NULL
);

CREATE INDEX ix_webhook_endpoints_owner ON webhook_endpoints (owner_id);

CREATE TABLE webhook_deliveries (
    id               TEXT PRIMARY KEY,
    endpoint_id      TEXT NOT NULL REFERENCES webhook_endpoints (id),
    event_type       TEXT NOT NULL,
    log_index        INTEGER NOT NULL,
    plan_id          TEXT NOT NULL,
    payload          TEXT NOT NULL,
    status           TEXT NOT NULL,
    attempts         INTEGER NOT NULL,
    next_attempt_at  TEXT NOT NULL,
    last_status      INTEGER NULL,
    last_error       TEXT NULL,
    created_at       TEXT NOT NULL,
    delivered_at     TEXT NULL
);

CREATE INDEX ix_webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
CREATE INDEX ix_webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, created_at);

-- Identities at the configured OpenID Connect issuer, each linked by an admin to one existing principal.
CREATE TABLE oidc_identities (
    issuer        TEXT NOT NULL,
    subject       TEXT NOT NULL,
    principal_id  TEXT NOT NULL REFERENCES principals (id),
    linked_at     TEXT NOT NULL,
    PRIMARY KEY (issuer, subject)
);
