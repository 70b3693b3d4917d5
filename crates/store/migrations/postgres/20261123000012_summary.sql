-- On-the-spot decisions of the summary procedure (简易程序, 行政处罚法 第五十一条、第五十二条):
-- one row per numbered pre-printed form, filed with the department (备案) afterwards.
CREATE TABLE summary_decisions (
    government_id BIGINT NOT NULL REFERENCES governments (id),
    id            BIGINT NOT NULL,
    department_id BIGINT NOT NULL,
    number        TEXT   NOT NULL,
    party_kind    TEXT   NOT NULL CHECK (party_kind IN ('individual', 'organisation')),
    party_name    TEXT   NOT NULL,
    facts         TEXT   NOT NULL,
    basis         TEXT   NOT NULL,
    place         TEXT   NOT NULL,
    decided_at    TEXT   NOT NULL,
    sanction      TEXT   NOT NULL CHECK (sanction IN ('warning', 'fine')),
    fine_fen      BIGINT NOT NULL,
    collection    TEXT   NOT NULL,
    officers      TEXT   NOT NULL,
    receipt       TEXT   NOT NULL,
    filing_due    TEXT   NOT NULL,
    filed_on      TEXT,
    filed_late    BIGINT,
    created_at    BIGINT NOT NULL,
    PRIMARY KEY (government_id, id),
    UNIQUE (government_id, number),
    FOREIGN KEY (government_id, department_id) REFERENCES departments (government_id, id)
);
CREATE INDEX summary_decisions_department ON summary_decisions (government_id, department_id, decided_at);
