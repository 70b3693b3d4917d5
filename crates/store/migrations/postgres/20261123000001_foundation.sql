-- Foundation schema (PostgreSQL). Mirrors ../sqlite/ with the same file name; see README.md.
-- Times are unix milliseconds (UTC) in BIGINT; flags are 0/1 in INTEGER, the same on both engines.

CREATE TABLE regions (
    code        TEXT    NOT NULL PRIMARY KEY,
    name        TEXT    NOT NULL,
    level       TEXT    NOT NULL CHECK (level IN ('province', 'city', 'county', 'town')),
    parent_code TEXT    REFERENCES regions (code)
);

CREATE TABLE governments (
    id                   BIGINT  NOT NULL PRIMARY KEY,
    region_code          TEXT    NOT NULL UNIQUE REFERENCES regions (code),
    name                 TEXT    NOT NULL,
    parent_government_id BIGINT  REFERENCES governments (id),
    created_at           BIGINT  NOT NULL
);

CREATE TABLE id_sequences (
    government_id BIGINT NOT NULL,
    name          TEXT   NOT NULL,
    next_value    BIGINT NOT NULL,
    PRIMARY KEY (government_id, name)
);

CREATE TABLE departments (
    government_id          BIGINT  NOT NULL REFERENCES governments (id),
    id                     BIGINT  NOT NULL,
    name                   TEXT    NOT NULL,
    short_name             TEXT    NOT NULL DEFAULT '',
    parent_id              BIGINT,
    is_enforcement_body    INTEGER NOT NULL DEFAULT 0,
    enforcement_basis      TEXT    NOT NULL DEFAULT '',
    enforcement_published  INTEGER NOT NULL DEFAULT 0,
    created_at             BIGINT  NOT NULL,
    updated_at             BIGINT  NOT NULL,
    PRIMARY KEY (government_id, id),
    UNIQUE (government_id, name),
    FOREIGN KEY (government_id, parent_id) REFERENCES departments (government_id, id)
);

CREATE TABLE users (
    government_id        BIGINT  NOT NULL REFERENCES governments (id),
    id                   BIGINT  NOT NULL,
    username             TEXT    NOT NULL,
    display_name         TEXT    NOT NULL,
    role                 TEXT    NOT NULL,
    department_id        BIGINT,
    password_hash        TEXT    NOT NULL,
    must_change_password INTEGER NOT NULL DEFAULT 1,
    failed_logins        INTEGER NOT NULL DEFAULT 0,
    locked_until         BIGINT,
    active               INTEGER NOT NULL DEFAULT 1,
    created_at           BIGINT  NOT NULL,
    updated_at           BIGINT  NOT NULL,
    PRIMARY KEY (government_id, id),
    UNIQUE (government_id, username),
    FOREIGN KEY (government_id, department_id) REFERENCES departments (government_id, id)
);
CREATE INDEX users_username ON users (username);

CREATE TABLE sessions (
    government_id BIGINT NOT NULL REFERENCES governments (id),
    id            TEXT   NOT NULL,
    user_id       BIGINT NOT NULL,
    csrf_token    TEXT   NOT NULL,
    created_at    BIGINT NOT NULL,
    last_seen_at  BIGINT NOT NULL,
    PRIMARY KEY (government_id, id),
    FOREIGN KEY (government_id, user_id) REFERENCES users (government_id, id)
);

CREATE TABLE audit_log (
    government_id BIGINT NOT NULL REFERENCES governments (id),
    id            BIGINT NOT NULL,
    at            BIGINT NOT NULL,
    actor_user_id BIGINT,
    actor_name    TEXT   NOT NULL,
    action        TEXT   NOT NULL,
    target        TEXT   NOT NULL DEFAULT '',
    detail        TEXT   NOT NULL DEFAULT '',
    client_ip     TEXT   NOT NULL DEFAULT '',
    PRIMARY KEY (government_id, id)
);
CREATE INDEX audit_log_at ON audit_log (government_id, at);

-- Events not tied to one government: a login attempt with an unknown user name, changes to the
-- shared region catalogue.
CREATE TABLE system_audit_log (
    id         BIGINT NOT NULL PRIMARY KEY,
    at         BIGINT NOT NULL,
    actor_name TEXT   NOT NULL DEFAULT '',
    action     TEXT   NOT NULL,
    target     TEXT   NOT NULL DEFAULT '',
    detail    TEXT   NOT NULL DEFAULT '',
    client_ip TEXT   NOT NULL DEFAULT ''
);

-- The full-process record: every change of state of every record, in the same transaction.
CREATE TABLE ledger_entries (
    government_id BIGINT NOT NULL REFERENCES governments (id),
    idx           BIGINT NOT NULL,
    record_type   TEXT   NOT NULL,
    record_id     TEXT   NOT NULL,
    event         TEXT   NOT NULL,
    actor         TEXT   NOT NULL,
    at            BIGINT NOT NULL,
    body          TEXT   NOT NULL,
    PRIMARY KEY (government_id, idx)
);
CREATE INDEX ledger_entries_record ON ledger_entries (government_id, record_type, record_id);

-- Derived-data feed (search index, indicator caches), written with the change it announces.
CREATE TABLE outbox (
    government_id BIGINT NOT NULL REFERENCES governments (id),
    id            BIGINT NOT NULL,
    topic         TEXT   NOT NULL,
    record_type   TEXT   NOT NULL,
    record_id     TEXT   NOT NULL,
    created_at    BIGINT NOT NULL,
    processed_at  BIGINT,
    PRIMARY KEY (government_id, id)
);
