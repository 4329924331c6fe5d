-- Staff: the helper and staff PINs, settings staff may change at the kiosk, and anonymous
-- usage counters.

-- A PIN is stored only as an argon2id hash (PHC string with its parameters, so they can be
-- raised later). The lockout state lives here, not in memory, so restarting the kiosk does
-- not hand a guesser five fresh tries.
CREATE TABLE pins (
    role         TEXT    PRIMARY KEY CHECK (role IN ('helper', 'staff')),
    hash         TEXT    NOT NULL,            -- $argon2id$v=19$m=19456,t=2,p=1$salt$key
    failures     INTEGER NOT NULL DEFAULT 0,  -- wrong tries since the last right one or lockout
    lockouts     INTEGER NOT NULL DEFAULT 0,  -- lockouts since the last right PIN; each doubles the next
    locked_until INTEGER NOT NULL DEFAULT 0,  -- unix seconds, UTC; 0 = not locked
    set_at       INTEGER NOT NULL
) WITHOUT ROWID;

-- Settings staff change at the kiosk, over the config file's values (languages offered,
-- timeouts). A missing key means: use the config file.
CREATE TABLE settings (
    key        TEXT    PRIMARY KEY,
    value      TEXT    NOT NULL,
    updated_at INTEGER NOT NULL
) WITHOUT ROWID;

-- Usage counters: one count per hour, kind and detail, never a row per visit, so nothing
-- here orders visits within an hour or ties one to a person seen at the kiosk.
CREATE TABLE usage_counts (
    hour    INTEGER NOT NULL,            -- unix seconds at the start of the UTC hour
    kind    TEXT    NOT NULL,
    service TEXT    NOT NULL DEFAULT '', -- a service id, or ''
    detail  TEXT    NOT NULL DEFAULT '', -- from a closed set: 'assisted', 'timeout', 'stop', a language
    count   INTEGER NOT NULL,
    PRIMARY KEY (hour, kind, service, detail)
) WITHOUT ROWID;
