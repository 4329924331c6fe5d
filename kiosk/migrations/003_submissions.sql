-- Submissions: immutable once written. The reference's sequence comes from kiosk_meta, not
-- from MAX(seq), so purging old submissions never makes a number come back.
CREATE TABLE kiosk_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE submissions (
    seq             INTEGER PRIMARY KEY,
    reference       TEXT    NOT NULL UNIQUE,
    idempotency_key TEXT    NOT NULL UNIQUE,
    kiosk_id        TEXT    NOT NULL,
    service_id      TEXT    NOT NULL,
    service_version INTEGER NOT NULL,
    lang            TEXT    NOT NULL,
    answers         TEXT    NOT NULL,  -- JSON object, step id -> normalized answer
    submitted_at    INTEGER NOT NULL,  -- unix seconds, UTC
    assisted        INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX submissions_time ON submissions(submitted_at);

CREATE TRIGGER submissions_immutable BEFORE UPDATE ON submissions
BEGIN
    SELECT RAISE(ABORT, 'submissions are immutable');
END;
