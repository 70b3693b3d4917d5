-- Officers (执法人员) and their enforcement certificates (执法证): one row per officer, the
-- certificate's fields inline (an officer holds one certificate at a time; a reissue is an edit,
-- kept in the ledger). Dates are TEXT 'YYYY-MM-DD' so that both engines compare them as text;
-- whether a certificate is expired follows from the dates (domain::enforcement::officer), the
-- standing is what the issuing authority last set.
CREATE TABLE officers (
    government_id          BIGINT  NOT NULL REFERENCES governments (id),
    id                     BIGINT  NOT NULL,
    department_id          BIGINT  NOT NULL,
    name                   TEXT    NOT NULL,
    certificate_number     TEXT    NOT NULL,
    category               TEXT    NOT NULL,
    issued_on              TEXT    NOT NULL,
    expires_on             TEXT    NOT NULL,
    standing               TEXT    NOT NULL CHECK (standing IN ('in_force', 'suspended', 'revoked')),
    legal_review_qualified INTEGER NOT NULL DEFAULT 0,
    training_hours         INTEGER NOT NULL DEFAULT 0,
    created_at             BIGINT  NOT NULL,
    updated_at             BIGINT  NOT NULL,
    PRIMARY KEY (government_id, id),
    UNIQUE (government_id, certificate_number),
    FOREIGN KEY (government_id, department_id) REFERENCES departments (government_id, id)
);
CREATE INDEX officers_department ON officers (government_id, department_id, name);
