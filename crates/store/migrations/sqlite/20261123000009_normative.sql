-- Normative documents (SQLite). Mirrors ../postgres/ (same file name).
-- Administrative normative documents (行政规范性文件, issue #7): the list of issuing bodies
-- (制定主体清单), the documents with their text versions and timeline, citizens' objections,
-- clean-up campaigns, and the search index's outbox cursor.
--
-- A document is kept as a snapshot of domain::normative::NormativeDocument (JSON, written only
-- by the store after domain::normative::apply accepted a command) beside the columns lists and
-- the portal filter on. Dates are TEXT 'YYYY-MM-DD' so both engines compare them as text.

-- 制定主体清单: who may issue normative documents, with its document-number prefix (文号前缀)
-- and the body it files with (备案审查机关). Published on the portal.
CREATE TABLE normative_issuers (
    government_id BIGINT NOT NULL REFERENCES governments (id),
    id            BIGINT NOT NULL,
    name          TEXT   NOT NULL,
    kind          TEXT   NOT NULL CHECK (kind IN ('government', 'department', 'authorised')),
    department_id BIGINT,
    number_prefix TEXT   NOT NULL,
    basis         TEXT   NOT NULL,
    filing_body   TEXT   NOT NULL,
    published     BIGINT NOT NULL,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL,
    PRIMARY KEY (government_id, id),
    UNIQUE (government_id, name),
    UNIQUE (government_id, number_prefix),
    FOREIGN KEY (government_id, department_id) REFERENCES departments (government_id, id)
);

-- The documents. The number's parts are unique per government (one prefix belongs to one
-- issuer), so a duplicate 文号 cannot be stored even by two registrations racing.
CREATE TABLE normative_documents (
    government_id   BIGINT NOT NULL REFERENCES governments (id),
    id              BIGINT NOT NULL,
    issuer_id       BIGINT NOT NULL,
    drafter_id      BIGINT NOT NULL,
    title           TEXT   NOT NULL,
    stage           TEXT   NOT NULL,
    year            BIGINT NOT NULL,
    number_prefix   TEXT,
    number_year     BIGINT,
    number_seq      BIGINT,
    document_number TEXT,
    drafted_on      TEXT   NOT NULL,
    registered_on   TEXT,
    published_on    TEXT,
    effective_on    TEXT,
    valid_until     TEXT,
    ended_on        TEXT,
    filed_on        TEXT,
    filing_late     BIGINT,
    filing_review   TEXT,
    next_due        TEXT,
    public          BIGINT NOT NULL,
    body            TEXT   NOT NULL,
    text_seq        BIGINT NOT NULL,
    snapshot        TEXT   NOT NULL,
    version         BIGINT NOT NULL,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL,
    PRIMARY KEY (government_id, id),
    UNIQUE (government_id, number_prefix, number_year, number_seq),
    FOREIGN KEY (government_id, issuer_id) REFERENCES normative_issuers (government_id, id)
);
CREATE INDEX normative_documents_stage ON normative_documents (government_id, stage, drafted_on);
CREATE INDEX normative_documents_public ON normative_documents (government_id, public, published_on);
CREATE INDEX normative_documents_issuer ON normative_documents (government_id, issuer_id, year);

-- Every version of a document's text (drafted, revised after comment or review, amended).
CREATE TABLE normative_texts (
    government_id BIGINT NOT NULL REFERENCES governments (id),
    document_id   BIGINT NOT NULL,
    seq           BIGINT NOT NULL,
    body          TEXT   NOT NULL,
    source        TEXT   NOT NULL CHECK (source IN ('typed', 'text', 'docx')),
    file_name     TEXT   NOT NULL,
    note          TEXT   NOT NULL,
    actor         TEXT   NOT NULL,
    ledger_idx    BIGINT NOT NULL,
    created_at    BIGINT NOT NULL,
    PRIMARY KEY (government_id, document_id, seq),
    FOREIGN KEY (government_id, document_id) REFERENCES normative_documents (government_id, id)
);

-- The timeline: one row per accepted command, pointing at its ledger entry.
CREATE TABLE normative_events (
    government_id BIGINT NOT NULL REFERENCES governments (id),
    document_id   BIGINT NOT NULL,
    seq           BIGINT NOT NULL,
    kind          TEXT   NOT NULL,
    on_date       TEXT   NOT NULL,
    stage         TEXT   NOT NULL,
    actor         TEXT   NOT NULL,
    fields        TEXT   NOT NULL,
    ledger_idx    BIGINT NOT NULL,
    created_at    BIGINT NOT NULL,
    PRIMARY KEY (government_id, document_id, seq),
    FOREIGN KEY (government_id, document_id) REFERENCES normative_documents (government_id, id)
);

-- Objections and review requests (异议、审查建议) from citizens and enterprises. The contact is
-- for the reply only and never published; the reply is published with the document.
CREATE TABLE normative_objections (
    government_id BIGINT NOT NULL REFERENCES governments (id),
    id            BIGINT NOT NULL,
    document_id   BIGINT NOT NULL,
    received_on   TEXT   NOT NULL,
    citizen       TEXT   NOT NULL,
    contact       TEXT   NOT NULL,
    grounds       TEXT   NOT NULL,
    channel       TEXT   NOT NULL CHECK (channel IN ('issuer', 'filing_body')),
    reply_due     TEXT   NOT NULL,
    replied_on    TEXT,
    finding       TEXT,
    reply         TEXT,
    late          BIGINT,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL,
    PRIMARY KEY (government_id, id),
    FOREIGN KEY (government_id, document_id) REFERENCES normative_documents (government_id, id)
);
CREATE INDEX normative_objections_document ON normative_objections (government_id, document_id);
CREATE INDEX normative_objections_open ON normative_objections (government_id, replied_on, reply_due);

-- Clean-up campaigns (清理): a snapshot of domain::normative::cleanup::Campaign.
CREATE TABLE normative_campaigns (
    government_id BIGINT NOT NULL REFERENCES governments (id),
    id            BIGINT NOT NULL,
    title         TEXT   NOT NULL,
    kind          TEXT   NOT NULL CHECK (kind IN ('periodic', 'special')),
    started_on    TEXT   NOT NULL,
    closed_on     TEXT,
    snapshot      TEXT   NOT NULL,
    version       BIGINT NOT NULL,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL,
    PRIMARY KEY (government_id, id)
);

-- How far the search index has read each government's outbox (derived state: the index can
-- always be rebuilt from normative_documents with `fazhi search reindex`).
CREATE TABLE search_cursor (
    government_id  BIGINT NOT NULL REFERENCES governments (id),
    last_outbox_id BIGINT NOT NULL,
    updated_at     BIGINT NOT NULL,
    PRIMARY KEY (government_id)
);

-- The search worker reads one record type of the outbox past its cursor.
CREATE INDEX outbox_record_type ON outbox (government_id, record_type, id);
