-- Open statutory deadlines of every record, kept by each subsystem in the same transaction as the
-- record's change: the index behind 我的期限 and the overdue figures. Derived from the records (a
-- subsystem can recompute it); the deadline rule itself lives in domain::deadline_rules.
CREATE TABLE deadlines (
    government_id    BIGINT NOT NULL REFERENCES governments (id),
    id               BIGINT NOT NULL,
    record_type      TEXT   NOT NULL,
    record_id        TEXT   NOT NULL,
    rule_id          TEXT   NOT NULL,
    title            TEXT   NOT NULL,
    link             TEXT   NOT NULL,
    trigger_date     TEXT   NOT NULL,
    due_date         TEXT   NOT NULL,
    provisional      INTEGER NOT NULL DEFAULT 0,
    assignee_user_id BIGINT,
    department_id    BIGINT,
    status           TEXT   NOT NULL CHECK (status IN ('open', 'met', 'cancelled')),
    closed_at        BIGINT,
    PRIMARY KEY (government_id, id),
    FOREIGN KEY (government_id, assignee_user_id) REFERENCES users (government_id, id),
    FOREIGN KEY (government_id, department_id) REFERENCES departments (government_id, id)
);
CREATE INDEX deadlines_open_due ON deadlines (government_id, status, due_date);
CREATE INDEX deadlines_record ON deadlines (government_id, record_type, record_id);
