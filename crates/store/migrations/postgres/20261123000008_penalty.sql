-- Penalty cases (行政处罚案件, ordinary procedure) and what hangs off them: the department's
-- settings, its legal-review catalogue (审核目录), the event timeline, disclosure of decisions
-- (行政执法公示) and major-penalty filings (重大行政处罚备案).
--
-- The case itself is kept as a snapshot of the domain's PenaltyCase (JSON, written only by the
-- store after domain::enforcement::penalty::apply accepted a command) beside the columns the
-- lists filter on. Dates are TEXT 'YYYY-MM-DD' so both engines compare them as text.

-- Per-department settings of the procedure: 较大数额 thresholds (第六十三条, configurable, 公安
-- defaults), the statement-of-defence period, the case-number prefix.
CREATE TABLE penalty_settings (
    government_id                 BIGINT NOT NULL REFERENCES governments (id),
    department_id                 BIGINT NOT NULL,
    individual_fine_fen           BIGINT NOT NULL,
    organisation_fine_fen         BIGINT NOT NULL,
    individual_confiscation_fen   BIGINT NOT NULL,
    organisation_confiscation_fen BIGINT NOT NULL,
    defence_working_days          BIGINT NOT NULL,
    case_prefix                   TEXT   NOT NULL,
    updated_at                    BIGINT NOT NULL,
    PRIMARY KEY (government_id, department_id),
    FOREIGN KEY (government_id, department_id) REFERENCES departments (government_id, id)
);

-- 重大执法决定法制审核目录: a decision matches an item by its matter (power) or by its fine.
CREATE TABLE review_catalogue_items (
    government_id BIGINT NOT NULL REFERENCES governments (id),
    id            BIGINT NOT NULL,
    department_id BIGINT NOT NULL,
    title         TEXT   NOT NULL,
    basis         TEXT   NOT NULL,
    power_id      BIGINT,
    min_fine_fen  BIGINT,
    created_at    BIGINT NOT NULL,
    PRIMARY KEY (government_id, id),
    FOREIGN KEY (government_id, department_id) REFERENCES departments (government_id, id)
);
CREATE INDEX review_catalogue_department ON review_catalogue_items (government_id, department_id);

CREATE TABLE penalty_cases (
    government_id   BIGINT NOT NULL REFERENCES governments (id),
    id              BIGINT NOT NULL,
    department_id   BIGINT NOT NULL,
    power_id        BIGINT,
    case_number     TEXT   NOT NULL,
    decision_number TEXT,
    party_kind      TEXT   NOT NULL CHECK (party_kind IN ('individual', 'organisation')),
    party_name      TEXT   NOT NULL,
    party_id_number TEXT   NOT NULL,
    party_phone     TEXT   NOT NULL,
    party_address   TEXT   NOT NULL,
    stage           TEXT   NOT NULL,
    registered_on   TEXT   NOT NULL,
    opened_on       TEXT,
    decided_on      TEXT,
    closed_on       TEXT,
    next_due        TEXT,
    outcome         TEXT,
    fine_fen        BIGINT NOT NULL,
    major           BIGINT NOT NULL,
    snapshot        TEXT   NOT NULL,
    version         BIGINT NOT NULL,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL,
    PRIMARY KEY (government_id, id),
    UNIQUE (government_id, case_number),
    FOREIGN KEY (government_id, department_id) REFERENCES departments (government_id, id)
);
-- One index per list the staff pages show, each ending in the list's sort order, so a page
-- reads its 30 rows from the index instead of sorting the department's history.
CREATE INDEX penalty_cases_department ON penalty_cases (government_id, department_id, registered_on, id);
CREATE INDEX penalty_cases_department_stage ON penalty_cases (government_id, department_id, stage, registered_on, id);
CREATE INDEX penalty_cases_department_due ON penalty_cases (government_id, department_id, next_due, id);
CREATE INDEX penalty_cases_stage ON penalty_cases (government_id, stage, registered_on, id);
CREATE INDEX penalty_cases_due ON penalty_cases (government_id, next_due, id);
CREATE INDEX penalty_cases_registered ON penalty_cases (government_id, registered_on, id);
CREATE INDEX penalty_cases_decision_number ON penalty_cases (government_id, decision_number);

-- The timeline: one row per accepted command, pointing at its ledger entry.
CREATE TABLE penalty_events (
    government_id BIGINT NOT NULL REFERENCES governments (id),
    case_id       BIGINT NOT NULL,
    seq           BIGINT NOT NULL,
    kind          TEXT   NOT NULL,
    on_date       TEXT   NOT NULL,
    stage         TEXT   NOT NULL,
    actor         TEXT   NOT NULL,
    fields        TEXT   NOT NULL,
    ledger_idx    BIGINT NOT NULL,
    created_at    BIGINT NOT NULL,
    PRIMARY KEY (government_id, case_id, seq),
    FOREIGN KEY (government_id, case_id) REFERENCES penalty_cases (government_id, id)
);

-- Decisions published on the portal, with the party's personal data redacted.
CREATE TABLE disclosures (
    government_id     BIGINT NOT NULL REFERENCES governments (id),
    id                BIGINT NOT NULL,
    case_id           BIGINT NOT NULL,
    department_id     BIGINT NOT NULL,
    title             TEXT   NOT NULL,
    document_number   TEXT   NOT NULL,
    content           TEXT   NOT NULL,
    decided_on        TEXT   NOT NULL,
    due_on            TEXT   NOT NULL,
    published_on      TEXT   NOT NULL,
    late              BIGINT NOT NULL,
    status            TEXT   NOT NULL CHECK (status IN ('published', 'withdrawn')),
    withdrawn_on      TEXT,
    withdrawal_ground TEXT,
    withdrawal_reason TEXT,
    withdrawal_late   BIGINT,
    created_at        BIGINT NOT NULL,
    updated_at        BIGINT NOT NULL,
    PRIMARY KEY (government_id, id),
    UNIQUE (government_id, case_id),
    FOREIGN KEY (government_id, case_id) REFERENCES penalty_cases (government_id, id)
);
CREATE INDEX disclosures_published ON disclosures (government_id, status, published_on);

-- 重大行政处罚备案 with the legal-affairs office.
CREATE TABLE major_penalty_filings (
    government_id   BIGINT NOT NULL REFERENCES governments (id),
    case_id         BIGINT NOT NULL,
    department_id   BIGINT NOT NULL,
    filed_on        TEXT   NOT NULL,
    due_on          TEXT   NOT NULL,
    late            BIGINT NOT NULL,
    note            TEXT   NOT NULL,
    created_at      BIGINT NOT NULL,
    PRIMARY KEY (government_id, case_id),
    FOREIGN KEY (government_id, case_id) REFERENCES penalty_cases (government_id, id)
);
