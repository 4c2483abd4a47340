-- The audit log (docs/log.md): every state change as one event, in index order without gaps, and the Merkle tree
-- over them (RFC 9162) as the hashes of its perfect subtrees.

-- One row: the log's size (the next event's index) and the hashes of the tree's right edge. Every append updates
-- it first, so appends take turns here, inside the transaction of the change they record.
CREATE TABLE log_state (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    size      INTEGER NOT NULL,
    frontier  BLOB NOT NULL
);

INSERT INTO log_state (id, size, frontier) VALUES (1, 0, x'');

-- The events as their exact canonical bytes; the other columns are copies for looking events up.
CREATE TABLE log_events (
    idx       INTEGER PRIMARY KEY,
    action    TEXT NOT NULL,
    plan_id   TEXT NULL,
    actor_id  TEXT NULL,
    body      BLOB NOT NULL
);

CREATE INDEX ix_log_events_plan ON log_events (plan_id, idx);

-- Perfect subtrees: the 2^level events ending at event ends_at (level 0: the event's leaf hash). Appending event n
-- completes exactly the subtrees ending at n, so rows only ever go at the end of the key (one B-tree: no rowid).
CREATE TABLE log_nodes (
    ends_at  INTEGER NOT NULL,
    level    INTEGER NOT NULL,
    hash     BLOB NOT NULL,
    PRIMARY KEY (ends_at, level)
) WITHOUT ROWID;

-- Signed checkpoints, one per tree size, kept for ever.
CREATE TABLE log_checkpoints (
    tree_size   INTEGER PRIMARY KEY,
    body        BLOB NOT NULL,
    envelope    TEXT NOT NULL,
    key_id      TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
