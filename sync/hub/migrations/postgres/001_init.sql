-- Submissions as the hub received them. UNIQUE (kiosk_id, idempotency_key) is what makes
-- delivery exactly-once: a retry, a second hub instance, a replay all hit it. Times are
-- unix seconds (submitted_at, as the kiosk has it) or milliseconds (hub-side events).
CREATE TABLE submissions (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kiosk_id        TEXT    NOT NULL,
    idempotency_key TEXT    NOT NULL,
    fingerprint     TEXT    NOT NULL,  -- SHA-256 of body
    reference       TEXT    NOT NULL,
    service_id      TEXT    NOT NULL,
    service_version INTEGER NOT NULL,
    lang            TEXT    NOT NULL,
    answers         TEXT    NOT NULL,  -- JSON object, the same bytes the kiosk stores
    body            TEXT    NOT NULL,  -- the submission's canonical JSON
    submitted_at    BIGINT NOT NULL,
    received_at     BIGINT NOT NULL,
    assisted        BOOLEAN NOT NULL,
    state           TEXT    NOT NULL DEFAULT 'received',
    CONSTRAINT submissions_key UNIQUE (kiosk_id, idempotency_key),
    CONSTRAINT submissions_reference UNIQUE (reference)
);
CREATE INDEX submissions_time ON submissions(submitted_at, service_id);

CREATE TABLE kiosks (
    id            TEXT    PRIMARY KEY,
    registered_at BIGINT NOT NULL,
    last_seen_at  BIGINT,
    heartbeat     TEXT             -- the last heartbeat's JSON: counts and times only
);

-- Tokens are stored as the hex SHA-256 of a 256-bit random token: with that much entropy
-- a fast hash is enough (no dictionary to try), and lookup by hash is a plain index hit.
CREATE TABLE tokens (
    hash       TEXT    PRIMARY KEY,
    role       TEXT    NOT NULL CHECK (role IN ('kiosk', 'staff')),
    subject    TEXT    NOT NULL,
    created_at BIGINT NOT NULL,
    revoked_at BIGINT
);

CREATE TABLE help_requests (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kiosk_id   TEXT    NOT NULL,
    raised_at  BIGINT NOT NULL,
    handled_at BIGINT
);
CREATE INDEX help_open ON help_requests(raised_at) WHERE handled_at IS NULL;
