-- Print attempts: every receipt, copy and slip the kiosk tried to print, so staff see a
-- printer problem (and which receipts to reprint) even after the citizen has gone.
-- Never personal data: a submission's reference, not a resume code (it unlocks a draft).
CREATE TABLE print_attempts (
    id        INTEGER PRIMARY KEY,
    at        INTEGER NOT NULL,                 -- unix seconds, UTC
    document  TEXT    NOT NULL CHECK (document IN ('receipt', 'request', 'resume-slip')),
    reference TEXT    NOT NULL DEFAULT '',      -- the submission's; '' for a resume slip
    reprint   INTEGER NOT NULL DEFAULT 0,
    printer   TEXT    NOT NULL DEFAULT '',      -- CUPS queue ('' = system default) or device
    printed   INTEGER NOT NULL,                 -- 1: the printer took and finished the job
    job_id    TEXT    NOT NULL DEFAULT '',      -- CUPS job id, e.g. 'LoketPDF-12'
    problem   TEXT    NOT NULL DEFAULT '',      -- printer.Problem: 'printer-off', 'no-printer', ...
    detail    TEXT    NOT NULL DEFAULT ''       -- what CUPS said, for staff
);
CREATE INDEX print_attempts_time ON print_attempts(at);
CREATE INDEX print_attempts_reference ON print_attempts(reference, document) WHERE reference <> '';
