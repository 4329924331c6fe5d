-- Drafts: a citizen's answers, stored one by one as they tap Continue.
CREATE TABLE drafts (
    id              INTEGER PRIMARY KEY,
    service_id      TEXT    NOT NULL,
    service_version INTEGER NOT NULL,
    lang            TEXT    NOT NULL,
    position        TEXT    NOT NULL DEFAULT '',  -- step id to resume at, or 'check'
    created_at      INTEGER NOT NULL,             -- unix seconds, UTC
    updated_at      INTEGER NOT NULL
);

CREATE TABLE answers (
    draft_id INTEGER NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
    step_id  TEXT    NOT NULL,
    value    TEXT    NOT NULL,
    PRIMARY KEY (draft_id, step_id)
) WITHOUT ROWID;
