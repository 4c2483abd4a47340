-- Webhook endpoints (Standard Webhooks) and their durable outbox: a delivery row is written in the transaction of the
-- change it announces, and a background service sends it, retrying with backoff, until it is delivered or given up.
CREATE TABLE webhook_endpoints (
    id                    uuid PRIMARY KEY,
    owner_id              uuid NOT NULL REFERENCES principals (id),
    url                   text NOT NULL,
    secret                text NOT NULL,
    private_allowed_by    uuid NULL,
    consecutive_failures  bigint NOT NULL,
    created_at            timestamptz NOT NULL,
    disabled_at           timestamptz NULL
);

CREATE INDEX ix_webhook_endpoints_owner ON webhook_endpoints (owner_id);

CREATE TABLE webhook_deliveries (
    id               uuid PRIMARY KEY,
    endpoint_id      uuid NOT NULL REFERENCES webhook_endpoints (id),
    event_type       text NOT NULL,
    log_index        bigint NOT NULL,
    plan_id          uuid NOT NULL,
    payload          text NOT NULL,
    status           text NOT NULL,
    attempts         bigint NOT NULL,
    next_attempt_at  timestamptz NOT NULL,
    last_status      bigint NULL,
    last_error       text NULL,
    created_at       timestamptz NOT NULL,
    delivered_at     timestamptz NULL
);

CREATE INDEX ix_webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
CREATE INDEX ix_webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, created_at);

-- Identities at the configured OpenID Connect issuer, each linked by an admin to one existing principal.
CREATE TABLE oidc_identities (
    issuer        text NOT NULL,
    subject       text NOT NULL,
    principal_id  uuid NOT NULL REFERENCES principals (id),
    linked_at     timestamptz NOT NULL,
    PRIMARY KEY (issuer, subject)
);
