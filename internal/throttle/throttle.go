// Package throttle limits how often an action may be tried per subject (an
// IP address, an email). Attempts are rows in the database, so every replica
// counts the same attempts.
package throttle

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"

	"accountgraph/ent"
	"accountgraph/ent/throttleevent"
	"accountgraph/internal/apperr"
)

// Rule is a limit: at most Limit attempts per Window, per subject. With
// Backoff set it is an exponential back-off instead: after Limit failures
// within Window, the subject waits Backoff after its last failure, doubling
// with each further failure, at most MaxBackoff. The wait is short at
// first and bounded, so a back-off someone else triggers cannot lock the
// subject out for long.
type Rule struct {
	Action     string // e.g. "login"
	By         string // e.g. "ip", "email"
	Limit      int
	Window     time.Duration
	Backoff    time.Duration
	MaxBackoff time.Duration
}

// Limiter checks and records attempts.
type Limiter struct {
	DB *ent.Client
	// OnRefuse is called with the action of each refusal (for metrics).
	OnRefuse func(action string)
	Now      func() time.Time
}

func (l *Limiter) now() time.Time {
	if l.Now != nil {
		return l.Now()
	}
	return time.Now().UTC()
}

// key names the counter; personal subjects (emails) are hashed so the
// table holds no personal data.
func key(r Rule, subject string) string {
	h := sha256.Sum256([]byte(subject))
	return fmt.Sprintf("%s:%s:%s", r.Action, r.By, hex.EncodeToString(h[:12]))
}

// Check returns a *apperr.ThrottledError when subject used up the rule's
// attempts in the last window. It records nothing.
func (l *Limiter) Check(ctx context.Context, r Rule, subject string) error {
	now := l.now()
	n, err := l.DB.ThrottleEvent.Query().
		Where(throttleevent.Key(key(r, subject)), throttleevent.AtGT(now.Add(-r.Window))).
		Count(ctx)
	if err != nil {
		return fmt.Errorf("throttle check: %w", err)
	}
	if n < r.Limit {
		return nil
	}
	retry := r.Window
	if r.Backoff > 0 {
		last, err := l.DB.ThrottleEvent.Query().Where(throttleevent.Key(key(r, subject))).
			Order(ent.Desc(throttleevent.FieldAt)).First(ctx)
		if err != nil {
			return fmt.Errorf("throttle check: %w", err)
		}
		wait := min(r.Backoff<<min(n-r.Limit, 30), r.MaxBackoff)
		if retry = last.At.Add(wait).Sub(now); retry <= 0 {
			return nil
		}
	}
	if l.OnRefuse != nil {
		l.OnRefuse(r.Action)
	}
	return &apperr.ThrottledError{RetryAfter: retry}
}

// Clear forgets subject's attempts (a success ends a back-off).
func (l *Limiter) Clear(ctx context.Context, r Rule, subject string) error {
	_, err := l.DB.ThrottleEvent.Delete().Where(throttleevent.Key(key(r, subject))).Exec(ctx)
	return err
}

// Record counts one attempt by subject.
func (l *Limiter) Record(ctx context.Context, r Rule, subject string) error {
	return l.DB.ThrottleEvent.Create().SetKey(key(r, subject)).SetAt(l.now()).Exec(ctx)
}

// Hit checks and, when allowed, records one attempt.
func (l *Limiter) Hit(ctx context.Context, r Rule, subject string) error {
	if err := l.Check(ctx, r, subject); err != nil {
		return err
	}
	return l.Record(ctx, r, subject)
}

// Prune deletes attempts older than maxAge. Safe to run on every replica.
func (l *Limiter) Prune(ctx context.Context, maxAge time.Duration) (int, error) {
	return l.DB.ThrottleEvent.Delete().Where(throttleevent.AtLT(l.now().Add(-maxAge))).Exec(ctx)
}
