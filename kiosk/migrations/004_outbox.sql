-- Outbox: one entry per submission, written in the same transaction as the submission, so
-- a submission can never exist without being queued for the hub. Delivery order is seq.
CREATE TABLE outbox (
    seq             INTEGER PRIMARY KEY REFERENCES submissions(seq),
    state           TEXT    NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'attention')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL DEFAULT 0,  -- unix seconds; 0 = as soon as possible
    last_error      TEXT    NOT NULL DEFAULT '', -- for staff; never personal data
    sent_at         INTEGER                      -- when the hub confirmed it
);
CREATE INDEX outbox_pending ON outbox(state, seq);

-- Submissions made before the outbox existed are queued too.
INSERT INTO outbox(seq) SELECT seq FROM submissions;
