-- Holiday tables imported by an administrator (next year's State Council notice, or a local rule
-- such as an autonomous region's festival). Shared catalogue data; the official tables
-- 2010–2026 are embedded in the binary and are not stored here.
CREATE TABLE calendar_tables (
    id          BIGINT NOT NULL PRIMARY KEY,
    kind        TEXT   NOT NULL CHECK (kind IN ('years', 'overlay')),
    years       TEXT   NOT NULL,
    source      TEXT   NOT NULL,
    imported_at BIGINT NOT NULL,
    imported_by TEXT   NOT NULL
);
