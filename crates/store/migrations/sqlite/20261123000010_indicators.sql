-- Indicators (指标, issue #9) kept up to date from the outbox, and the annual report
-- (法治政府建设年度报告) with its versions. Mirrors ../postgres/ with the same file name.
--
-- record_facts holds the last fact each record contributed (JSON of domain::indicators::Fact), so
-- that a change subtracts the old contributions and adds the new ones; indicator_aggregates holds
-- the sums by government, department (0 = the whole government), run of years and month (0 = a
-- year-end state, not dated); indicator_cursor is the last outbox row applied. All three are
-- derived: `fazhi indicators rebuild` recomputes them from the records.

CREATE TABLE record_facts (
    government_id BIGINT NOT NULL REFERENCES governments (id),
    record        TEXT   NOT NULL,
    record_id     TEXT   NOT NULL,
    source_type   TEXT   NOT NULL,
    source_id     TEXT   NOT NULL,
    department_id BIGINT NOT NULL,
    from_year     BIGINT NOT NULL,
    to_year       BIGINT NOT NULL,
    label         TEXT   NOT NULL,
    link          TEXT   NOT NULL,
    fact          TEXT   NOT NULL,
    updated_at    BIGINT NOT NULL,
    PRIMARY KEY (government_id, record, record_id)
);
CREATE INDEX record_facts_source ON record_facts (government_id, source_type, source_id);
CREATE INDEX record_facts_years ON record_facts (government_id, record, to_year);

CREATE TABLE indicator_aggregates (
    government_id BIGINT NOT NULL REFERENCES governments (id),
    department_id BIGINT NOT NULL,
    to_year       BIGINT NOT NULL,
    from_year     BIGINT NOT NULL,
    indicator     TEXT   NOT NULL,
    month         BIGINT NOT NULL,
    numerator     BIGINT NOT NULL,
    denominator   BIGINT NOT NULL,
    records       BIGINT NOT NULL,
    PRIMARY KEY (government_id, department_id, to_year, from_year, indicator, month)
);

CREATE TABLE indicator_cursor (
    government_id  BIGINT NOT NULL REFERENCES governments (id),
    last_outbox_id BIGINT NOT NULL,
    updated_at     BIGINT NOT NULL,
    PRIMARY KEY (government_id)
);

-- One annual report per government and year; its text is kept in versions, every one ledgered.
CREATE TABLE annual_reports (
    government_id    BIGINT NOT NULL REFERENCES governments (id),
    id               BIGINT NOT NULL,
    year             BIGINT NOT NULL,
    status           TEXT   NOT NULL CHECK (status IN ('draft', 'approved', 'published')),
    current_version  BIGINT NOT NULL,
    approved_version BIGINT,
    approved_by      TEXT,
    approved_at      BIGINT,
    published_on     TEXT,
    published_at     BIGINT,
    due_on           TEXT,
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL,
    PRIMARY KEY (government_id, id),
    UNIQUE (government_id, year)
);
CREATE INDEX annual_reports_status ON annual_reports (government_id, status, year);

CREATE TABLE annual_report_versions (
    government_id BIGINT NOT NULL REFERENCES governments (id),
    report_id     BIGINT NOT NULL,
    version       BIGINT NOT NULL,
    body          TEXT   NOT NULL,
    body_hash     TEXT   NOT NULL,
    author        TEXT   NOT NULL,
    note          TEXT   NOT NULL,
    ledger_idx    BIGINT NOT NULL,
    created_at    BIGINT NOT NULL,
    PRIMARY KEY (government_id, report_id, version),
    FOREIGN KEY (government_id, report_id) REFERENCES annual_reports (government_id, id)
);
