-- The audit log (docs/log.md): every state change as one event, in index order without gaps, and the Merkle tree
-- over them (RFC 9162) as the hashes of its perfect subtrees.

-- One row: the log's size (the next event's index) and the hashes of the tree's right edge. Every append updates
-- it first, which locks the row, so appends from every instance take turns here, inside the transaction of the
-- change they record.
CREATE TABLE log_state (
    id        integer PRIMARY KEY CHECK (id = 1),
    size      bigint NOT NULL,
    frontier  bytea NOT NULL
);

INSERT INTO log_state (id, size, frontier) VALUES (1, 0, '\x'::bytea);

-- The events as their exact canonical bytes; the other columns are copies for looking events up.
CREATE TABLE log_events (
    idx       bigint PRIMARY KEY,
    action    text NOT NULL,
    plan_id   uuid NULL,
    actor_id  uuid NULL,
    body      bytea NOT NULL
);

CREATE INDEX ix_log_events_plan ON log_events (plan_id, idx);

-- Perfect subtrees: the 2^level events ending at event ends_at (level 0: the event's leaf hash). Appending event n
-- completes exactly the subtrees ending at n, so rows only ever go at the end of the key.
CREATE TABLE log_nodes (
    ends_at  bigint NOT NULL,
    level    bigint NOT NULL,
    hash     bytea NOT NULL,
    PRIMARY KEY (ends_at, level)
);

-- Signed checkpoints, one per tree size, kept for ever.
CREATE TABLE log_checkpoints (
    tree_size   bigint PRIMARY KEY,
    body        bytea NOT NULL,
    envelope    text NOT NULL,
    key_id      text NOT NULL,
    created_at  timestamptz NOT NULL
);
