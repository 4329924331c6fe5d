-- Save and continue later: a saved draft has a resume code and an expiry date.
ALTER TABLE drafts ADD COLUMN resume_code TEXT;
ALTER TABLE drafts ADD COLUMN expires_at INTEGER;
CREATE UNIQUE INDEX drafts_resume_code ON drafts(resume_code) WHERE resume_code IS NOT NULL;
CREATE INDEX drafts_expiry ON drafts(expires_at) WHERE expires_at IS NOT NULL;
