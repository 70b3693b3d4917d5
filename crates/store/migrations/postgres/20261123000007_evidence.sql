-- Evidence files (photos, audio, video, scanned documents) stored content-addressed: the key is
-- the hash of the bytes with the government's log algorithm, so a file is stored once however
-- often it is attached, and the ledger entry that attaches it carries the same hash.
CREATE TABLE evidence_files (
    government_id BIGINT NOT NULL REFERENCES governments (id),
    content_hash  TEXT   NOT NULL,
    size_bytes    BIGINT NOT NULL,
    media_type    TEXT   NOT NULL,
    content       BYTEA   NOT NULL,
    created_at    BIGINT NOT NULL,
    PRIMARY KEY (government_id, content_hash)
);

-- Which record each file is attached to, under what name.
CREATE TABLE evidence_links (
    government_id BIGINT NOT NULL REFERENCES governments (id),
    id            BIGINT NOT NULL,
    record_type   TEXT   NOT NULL,
    record_id     TEXT   NOT NULL,
    content_hash  TEXT   NOT NULL,
    file_name     TEXT   NOT NULL,
    ledger_idx    BIGINT NOT NULL,
    created_at    BIGINT NOT NULL,
    PRIMARY KEY (government_id, id),
    FOREIGN KEY (government_id, content_hash) REFERENCES evidence_files (government_id, content_hash)
);
CREATE INDEX evidence_links_record ON evidence_links (government_id, record_type, record_id);
CREATE INDEX evidence_links_hash ON evidence_links (government_id, content_hash);
