-- The power list (权责清单) and discretion standards (裁量基准). Mirrors ../postgres/ (same file name).
-- A power belongs to one department of a government; its status history says when it was added,
-- cancelled, delegated or assumed and by which document; `in_force` is the state after the last event.

CREATE TABLE powers (
    government_id  BIGINT  NOT NULL REFERENCES governments (id),
    id             BIGINT  NOT NULL,
    code           TEXT    NOT NULL,
    name           TEXT    NOT NULL,
    power_type     TEXT    NOT NULL,
    basis_law      TEXT    NOT NULL,
    basis_article  TEXT    NOT NULL,
    department_id  BIGINT  NOT NULL,
    level          TEXT    NOT NULL DEFAULT '',
    in_force       INTEGER NOT NULL DEFAULT 1,
    created_at     BIGINT  NOT NULL,
    updated_at     BIGINT  NOT NULL,
    PRIMARY KEY (government_id, id),
    UNIQUE (government_id, code),
    FOREIGN KEY (government_id, department_id) REFERENCES departments (government_id, id)
);
CREATE INDEX powers_department ON powers (government_id, department_id);

-- Status history, oldest first (seq from 1 per power). Dates are YYYY-MM-DD (the day it took effect).
CREATE TABLE power_status_events (
    government_id    BIGINT NOT NULL REFERENCES governments (id),
    power_id         BIGINT NOT NULL,
    seq              BIGINT NOT NULL,
    change_kind      TEXT   NOT NULL CHECK (change_kind IN ('新增', '取消', '下放', '承接')),
    effective_on     TEXT   NOT NULL,
    document_number  TEXT   NOT NULL,
    recorded_at      BIGINT NOT NULL,
    PRIMARY KEY (government_id, power_id, seq),
    FOREIGN KEY (government_id, power_id) REFERENCES powers (government_id, id)
);

-- One band per circumstance of a power's discretion standard; amounts in fen.
CREATE TABLE discretion_standards (
    government_id  BIGINT NOT NULL REFERENCES governments (id),
    power_id       BIGINT NOT NULL,
    circumstance   TEXT   NOT NULL CHECK (circumstance IN ('不予处罚', '减轻', '从轻', '一般', '从重')),
    min_fen        BIGINT NOT NULL,
    max_fen        BIGINT NOT NULL,
    description    TEXT   NOT NULL DEFAULT '',
    PRIMARY KEY (government_id, power_id, circumstance),
    FOREIGN KEY (government_id, power_id) REFERENCES powers (government_id, id)
);
