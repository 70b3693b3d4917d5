-- Supervision of enforcement (行政执法监督) and inspections (行政检查). Mirrors ../postgres/ (same
-- file name, same text).
--
-- Case-file review (案卷评查): a round draws closed penalty cases per department with a seed that
-- nobody picks (derived from the latest signed tree head and the draw time, both recorded with
-- the population and the sample in the round's ledger entry), scores each file against the
-- round's rubric, and issues rectifications (整改) with a deadline.
-- Random inspections (双随机一公开): a register of inspection targets per department and matter,
-- conflict-of-interest exclusions, plans whose draw of targets and officers is recorded the same
-- way, and the inspections themselves (drawn or not), whose results are published on the portal.
-- Letters (提示函、督办函) to a department with a reply deadline.
-- Dates are TEXT 'YYYY-MM-DD'; seeds are u64 written as decimal TEXT (they do not fit BIGINT).

-- Per-government settings: the reply period of letters in working days ([practice] default 15).
CREATE TABLE supervision_settings (
    government_id             BIGINT NOT NULL REFERENCES governments (id),
    letter_reply_working_days BIGINT NOT NULL,
    updated_at                BIGINT NOT NULL,
    PRIMARY KEY (government_id)
);

CREATE TABLE case_review_rounds (
    government_id  BIGINT NOT NULL REFERENCES governments (id),
    id             BIGINT NOT NULL,
    title          TEXT   NOT NULL,
    closed_from    TEXT   NOT NULL,
    closed_to      TEXT   NOT NULL,
    size_kind      TEXT   NOT NULL CHECK (size_kind IN ('count', 'per_mille')),
    size_value     BIGINT NOT NULL,
    department_ids TEXT   NOT NULL,
    rubric         TEXT   NOT NULL,
    seed           TEXT   NOT NULL,
    seed_source    TEXT   NOT NULL,
    population     TEXT   NOT NULL,
    sample         TEXT   NOT NULL,
    drawn_on       TEXT   NOT NULL,
    drawn_by       TEXT   NOT NULL,
    created_at     BIGINT NOT NULL,
    PRIMARY KEY (government_id, id)
);
CREATE INDEX case_review_rounds_drawn ON case_review_rounds (government_id, drawn_on);

-- One row per drawn file; scores (JSON) and total are NULL until the file is scored.
CREATE TABLE case_review_files (
    government_id BIGINT NOT NULL REFERENCES governments (id),
    round_id      BIGINT NOT NULL,
    case_id       BIGINT NOT NULL,
    department_id BIGINT NOT NULL,
    case_number   TEXT   NOT NULL,
    scores        TEXT,
    total         BIGINT,
    max_total     BIGINT NOT NULL,
    findings      TEXT   NOT NULL,
    reviewer      TEXT   NOT NULL,
    scored_on     TEXT,
    updated_at    BIGINT NOT NULL,
    PRIMARY KEY (government_id, round_id, case_id),
    FOREIGN KEY (government_id, round_id) REFERENCES case_review_rounds (government_id, id),
    FOREIGN KEY (government_id, case_id) REFERENCES penalty_cases (government_id, id),
    FOREIGN KEY (government_id, department_id) REFERENCES departments (government_id, id)
);
CREATE INDEX case_review_files_department ON case_review_files (government_id, department_id);

CREATE TABLE rectifications (
    government_id BIGINT NOT NULL REFERENCES governments (id),
    id            BIGINT NOT NULL,
    round_id      BIGINT NOT NULL,
    case_id       BIGINT NOT NULL,
    department_id BIGINT NOT NULL,
    requirement   TEXT   NOT NULL,
    issued_on     TEXT   NOT NULL,
    due_on        TEXT   NOT NULL,
    status        TEXT   NOT NULL CHECK (status IN ('open', 'reported', 'done')),
    report        TEXT   NOT NULL,
    reported_on   TEXT,
    done_on       TEXT,
    done_note     TEXT   NOT NULL,
    late          BIGINT NOT NULL,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL,
    PRIMARY KEY (government_id, id),
    FOREIGN KEY (government_id, round_id, case_id) REFERENCES case_review_files (government_id, round_id, case_id),
    FOREIGN KEY (government_id, department_id) REFERENCES departments (government_id, id)
);
CREATE INDEX rectifications_round ON rectifications (government_id, round_id);
CREATE INDEX rectifications_department ON rectifications (government_id, department_id, status);

-- 检查对象名录库: who may be inspected, per department and matter (a power on the power list).
CREATE TABLE inspection_targets (
    government_id BIGINT NOT NULL REFERENCES governments (id),
    id            BIGINT NOT NULL,
    department_id BIGINT NOT NULL,
    power_id      BIGINT,
    matter        TEXT   NOT NULL,
    name          TEXT   NOT NULL,
    party_kind    TEXT   NOT NULL CHECK (party_kind IN ('individual', 'organisation')),
    id_number     TEXT   NOT NULL,
    address       TEXT   NOT NULL,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL,
    PRIMARY KEY (government_id, id),
    FOREIGN KEY (government_id, department_id) REFERENCES departments (government_id, id),
    FOREIGN KEY (government_id, power_id) REFERENCES powers (government_id, id)
);
CREATE INDEX inspection_targets_matter ON inspection_targets (government_id, department_id, matter);

-- Conflicts of interest (回避): the officer is never drawn for the target.
CREATE TABLE inspection_exclusions (
    government_id BIGINT NOT NULL REFERENCES governments (id),
    target_id     BIGINT NOT NULL,
    officer_id    BIGINT NOT NULL,
    reason        TEXT   NOT NULL,
    created_at    BIGINT NOT NULL,
    PRIMARY KEY (government_id, target_id, officer_id),
    FOREIGN KEY (government_id, target_id) REFERENCES inspection_targets (government_id, id),
    FOREIGN KEY (government_id, officer_id) REFERENCES officers (government_id, id)
);

-- 随机抽查计划: the draw (seed, its source, the target and officer populations, the exclusions
-- applied and the assignments) is written once, with the inspections it creates.
CREATE TABLE inspection_plans (
    government_id       BIGINT NOT NULL REFERENCES governments (id),
    id                  BIGINT NOT NULL,
    department_id       BIGINT NOT NULL,
    title               TEXT   NOT NULL,
    matter              TEXT   NOT NULL,
    n_targets           BIGINT NOT NULL,
    officers_per_target BIGINT NOT NULL,
    planned_on          TEXT   NOT NULL,
    status              TEXT   NOT NULL CHECK (status IN ('planned', 'drawn')),
    seed                TEXT,
    seed_source         TEXT,
    draw                TEXT,
    drawn_on            TEXT,
    created_at          BIGINT NOT NULL,
    updated_at          BIGINT NOT NULL,
    PRIMARY KEY (government_id, id),
    FOREIGN KEY (government_id, department_id) REFERENCES departments (government_id, id)
);
CREATE INDEX inspection_plans_department ON inspection_plans (government_id, department_id, planned_on);

CREATE TABLE inspections (
    government_id     BIGINT NOT NULL REFERENCES governments (id),
    id                BIGINT NOT NULL,
    department_id     BIGINT NOT NULL,
    target_id         BIGINT NOT NULL,
    plan_id           BIGINT,
    planned_on        TEXT   NOT NULL,
    drawn_officer_ids TEXT   NOT NULL,
    draw_seed         TEXT,
    stage             TEXT   NOT NULL CHECK (stage IN ('planned', 'conducted', 'result_recorded', 'closed')),
    team              TEXT   NOT NULL,
    conducted_on      TEXT,
    findings          TEXT   NOT NULL,
    result            TEXT,
    rectify_by        TEXT,
    penalty_case_id   BIGINT,
    transferred_to    TEXT,
    rectified_on      TEXT,
    closed_on         TEXT,
    published         BIGINT NOT NULL,
    published_on      TEXT,
    version           BIGINT NOT NULL,
    created_at        BIGINT NOT NULL,
    updated_at        BIGINT NOT NULL,
    PRIMARY KEY (government_id, id),
    FOREIGN KEY (government_id, department_id) REFERENCES departments (government_id, id),
    FOREIGN KEY (government_id, target_id) REFERENCES inspection_targets (government_id, id),
    FOREIGN KEY (government_id, plan_id) REFERENCES inspection_plans (government_id, id),
    FOREIGN KEY (government_id, penalty_case_id) REFERENCES penalty_cases (government_id, id)
);
CREATE INDEX inspections_department ON inspections (government_id, department_id, stage, planned_on);
CREATE INDEX inspections_plan ON inspections (government_id, plan_id);
CREATE INDEX inspections_published ON inspections (government_id, published, published_on);

-- 提示函、督办函 and the department's reply.
CREATE TABLE supervision_letters (
    government_id      BIGINT NOT NULL REFERENCES governments (id),
    id                 BIGINT NOT NULL,
    kind               TEXT   NOT NULL CHECK (kind IN ('prompt', 'supervision')),
    letter_number      TEXT   NOT NULL,
    department_id      BIGINT NOT NULL,
    subject            TEXT   NOT NULL,
    body               TEXT   NOT NULL,
    sent_on            TEXT   NOT NULL,
    sent_by            TEXT   NOT NULL,
    reply_working_days BIGINT NOT NULL,
    reply_due          TEXT   NOT NULL,
    reply              TEXT   NOT NULL,
    replied_on         TEXT,
    replied_by         TEXT   NOT NULL,
    reply_late         BIGINT NOT NULL,
    created_at         BIGINT NOT NULL,
    updated_at         BIGINT NOT NULL,
    PRIMARY KEY (government_id, id),
    UNIQUE (government_id, letter_number),
    FOREIGN KEY (government_id, department_id) REFERENCES departments (government_id, id)
);
CREATE INDEX supervision_letters_department ON supervision_letters (government_id, department_id, sent_on);
