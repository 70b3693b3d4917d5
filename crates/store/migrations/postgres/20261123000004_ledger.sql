-- The tamper-evident log (crate ledger): per government its metadata (algorithms, public key),
-- the hashes of complete perfect subtrees, and every signed tree head. Entries stay in
-- ledger_entries, whose body becomes the entry's canonical encoding (ledger entry format v1) and
-- which gains the leaf hash.
CREATE TABLE ledger_logs (
    government_id BIGINT NOT NULL REFERENCES governments (id),
    log_id        TEXT   NOT NULL,
    metadata      TEXT   NOT NULL,
    created_at    BIGINT NOT NULL,
    PRIMARY KEY (government_id)
);

CREATE TABLE ledger_nodes (
    government_id BIGINT  NOT NULL REFERENCES governments (id),
    level         INTEGER NOT NULL,
    idx           BIGINT  NOT NULL,
    hash          TEXT    NOT NULL,
    PRIMARY KEY (government_id, level, idx)
);

CREATE TABLE ledger_tree_heads (
    government_id BIGINT NOT NULL REFERENCES governments (id),
    tree_size     BIGINT NOT NULL,
    timestamp_ms  BIGINT NOT NULL,
    root_hash     TEXT   NOT NULL,
    head          TEXT   NOT NULL,
    PRIMARY KEY (government_id, tree_size)
);

ALTER TABLE ledger_entries ADD COLUMN leaf_hash TEXT NOT NULL DEFAULT '';
