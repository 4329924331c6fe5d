package kiosk

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/mattn/go-sqlite3"
)

// Draft is a flow's answers on disk, before they are submitted.
type Draft struct {
	ID             int64
	ServiceID      string
	ServiceVersion int
	Lang           Lang
	Position       string // step id to resume at, or PositionCheck
	Answers        Answers
	ResumeCode     string // set once the citizen chose "save and continue later"
	ExpiresAt      time.Time
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// Errors a citizen can cause when resuming; the screen explains each in plain words.
var (
	ErrNoDraft      = errors.New("no draft with that code")
	ErrDraftExpired = errors.New("the draft has expired and was deleted")
)

// CreateDraft stores a new, empty draft and sets d.ID.
func (s *Store) CreateDraft(ctx context.Context, d *Draft) error {
	now := s.now()
	res, err := s.db.ExecContext(ctx, `INSERT INTO drafts(service_id, service_version, lang, created_at, updated_at)
		VALUES(?, ?, ?, ?, ?)`, d.ServiceID, d.ServiceVersion, string(d.Lang), unix(now), unix(now))
	if err != nil {
		return fmt.Errorf("store: create draft: %w", err)
	}
	d.ID, err = res.LastInsertId()
	d.CreatedAt, d.UpdatedAt = now.UTC(), now.UTC()
	return err
}

// SaveAnswer stores one answer and where the citizen goes next, in one durable commit.
func (s *Store) SaveAnswer(ctx context.Context, draftID int64, stepID, value, position string) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: save answer: %w", err)
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, `UPDATE drafts SET position = ?, updated_at = ? WHERE id = ?`,
		position, unix(s.now()), draftID)
	if err != nil {
		return fmt.Errorf("store: save answer: %w", err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return fmt.Errorf("store: save answer to draft %d: %w", draftID, ErrNoDraft)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO answers(draft_id, step_id, value) VALUES(?, ?, ?)
		ON CONFLICT(draft_id, step_id) DO UPDATE SET value = excluded.value`,
		draftID, stepID, s.seal.seal(value, draftBound(draftID, stepID))); err != nil {
		return fmt.Errorf("store: save answer: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: save answer: %w", err)
	}
	return nil
}

// SaveForLater gives a draft a resume code (keeping the one it has) and a new expiry date.
func (s *Store) SaveForLater(ctx context.Context, draftID int64, expires time.Time) (string, error) {
	var existing sql.NullString
	err := s.db.QueryRowContext(ctx, `SELECT resume_code FROM drafts WHERE id = ?`, draftID).Scan(&existing)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("store: save draft %d: %w", draftID, ErrNoDraft)
	} else if err != nil {
		return "", fmt.Errorf("store: save draft %d: %w", draftID, err)
	}
	for attempt := 0; ; attempt++ {
		code := existing.String
		if !existing.Valid {
			code = NewResumeCode()
		}
		_, err = s.db.ExecContext(ctx, `UPDATE drafts SET resume_code = ?, expires_at = ?, updated_at = ? WHERE id = ?`,
			code, unix(expires), unix(s.now()), draftID)
		var serr sqlite3.Error
		if errors.As(err, &serr) && serr.ExtendedCode == sqlite3.ErrConstraintUnique && attempt < 5 {
			continue // another draft holds that code: draw again
		}
		if err != nil {
			return "", fmt.Errorf("store: save draft %d: %w", draftID, err)
		}
		return code, nil
	}
}

// ResumeDraft finds a saved draft by its resume code as a citizen typed it. A mistyped code
// returns ErrCodeFormat or ErrCodeCheck; an expired draft is deleted and ErrDraftExpired
// returned.
func (s *Store) ResumeDraft(ctx context.Context, typed string) (*Draft, error) {
	code, err := ParseResumeCode(typed)
	if err != nil {
		return nil, err
	}
	d := &Draft{ResumeCode: code, Answers: Answers{}}
	var lang string
	var expires, created, updated int64
	err = s.db.QueryRowContext(ctx, `SELECT id, service_id, service_version, lang, position, expires_at, created_at, updated_at
		FROM drafts WHERE resume_code = ?`, code).Scan(&d.ID, &d.ServiceID, &d.ServiceVersion, &lang, &d.Position,
		&expires, &created, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNoDraft
	} else if err != nil {
		return nil, fmt.Errorf("store: resume: %w", err)
	}
	d.Lang, d.ExpiresAt, d.CreatedAt, d.UpdatedAt = Lang(lang), fromUnix(expires), fromUnix(created), fromUnix(updated)
	if !s.now().Before(d.ExpiresAt) {
		if _, err := s.db.ExecContext(ctx, `DELETE FROM drafts WHERE id = ?`, d.ID); err != nil {
			return nil, fmt.Errorf("store: delete expired draft: %w", err)
		}
		return nil, ErrDraftExpired
	}
	if d.Answers, err = s.DraftAnswers(ctx, d.ID); err != nil {
		return nil, err
	}
	return d, nil
}

// DraftAnswers returns the answers stored for a draft.
func (s *Store) DraftAnswers(ctx context.Context, draftID int64) (Answers, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT step_id, value FROM answers WHERE draft_id = ?`, draftID)
	if err != nil {
		return nil, fmt.Errorf("store: draft answers: %w", err)
	}
	defer rows.Close()
	a := Answers{}
	for rows.Next() {
		var step, value string
		if err := rows.Scan(&step, &value); err != nil {
			return nil, fmt.Errorf("store: draft answers: %w", err)
		}
		if a[step], err = s.seal.open(value, draftBound(draftID, step)); err != nil {
			return nil, fmt.Errorf("store: draft %d answer %s: %w", draftID, step, err)
		}
	}
	return a, rows.Err()
}

// DiscardDraft deletes a draft the citizen did not save for later. A saved draft stays until
// it expires or is submitted: the citizen holds its code.
func (s *Store) DiscardDraft(ctx context.Context, draftID int64) error {
	if _, err := s.db.ExecContext(ctx, `DELETE FROM drafts WHERE id = ? AND resume_code IS NULL`, draftID); err != nil {
		return fmt.Errorf("store: discard draft %d: %w", draftID, err)
	}
	return nil
}

// PurgeDrafts deletes saved drafts past their expiry and unsaved drafts last touched before
// abandonedBefore (left behind by a crash or a citizen who walked away). It returns how many
// drafts were deleted.
func (s *Store) PurgeDrafts(ctx context.Context, abandonedBefore time.Time) (int64, error) {
	res, err := s.db.ExecContext(ctx, `DELETE FROM drafts WHERE expires_at <= ?
		OR (resume_code IS NULL AND updated_at < ?)`, unix(s.now()), unix(abandonedBefore))
	if err != nil {
		return 0, fmt.Errorf("store: purge drafts: %w", err)
	}
	return res.RowsAffected()
}
