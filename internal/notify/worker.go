package notify

import (
	"cmp"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"strconv"
	"strings"
	"time"

	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/sql"

	"accountgraph/ent"
	"accountgraph/ent/notification"
	"accountgraph/ent/predicate"
	"accountgraph/internal/db"
	"accountgraph/internal/mail"
)

// Worker delivers due messages. Any number of workers, in one process or
// on many replicas, may run at once: each claims a batch for a lease (on
// PostgreSQL with FOR UPDATE SKIP LOCKED, so workers never wait for one
// another; SQLite runs write transactions one at a time), sends it, and
// marks each message only while it still holds the lease. A message is
// therefore sent once; only a crash between sending and marking sends it
// again after the lease, with the same Message-ID.
type Worker struct {
	DB      *ent.Client
	Mail    mail.Mailer
	SMS     Sender
	Push    Sender
	Links   *Links // unsubscribe links; nil leaves them out
	Log     *slog.Logger
	Now     func() time.Time
	Shop    string        // the shop's name, for templates that do not carry it
	Batch   int           // messages per claim; default 50
	Lease   time.Duration // how long a claim lasts; default 2 minutes
	Retries int           // attempts before a message is given up; default 8
	// OnResult observes each delivery (for metrics): outcome is "sent",
	// "retry", "failed" or "skipped".
	OnResult func(channel, kind, outcome string)
}

func (w *Worker) now() time.Time {
	if w.Now != nil {
		return w.Now().UTC()
	}
	return time.Now().UTC()
}

func (w *Worker) batch() int           { return cmp.Or(w.Batch, 50) }
func (w *Worker) retries() int         { return cmp.Or(w.Retries, 8) }
func (w *Worker) lease() time.Duration { return cmp.Or(w.Lease, 2*time.Minute) }

// Backoff is the wait before attempt n+1 after n failed attempts: 30
// seconds, doubling, at most an hour.
func Backoff(n int) time.Duration {
	d := 30 * time.Second << min(max(n-1, 0), 7)
	return min(d, time.Hour)
}

// Run delivers until ctx ends: at once when woken, else every interval.
func (w *Worker) Run(ctx context.Context, every time.Duration, wake <-chan struct{}) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		for {
			n, err := w.RunOnce(ctx)
			if err != nil {
				if ctx.Err() == nil {
					w.log().Warn("notification delivery failed", "err", err)
				}
				break
			}
			if n < w.batch() {
				break
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-wake:
		}
	}
}

func (w *Worker) log() *slog.Logger {
	if w.Log == nil {
		return slog.Default()
	}
	return w.Log
}

// due selects messages that may be claimed now.
func due(now time.Time) []predicate.Notification {
	return []predicate.Notification{
		notification.StatusEQ(notification.StatusPENDING), notification.DueAtLTE(now),
		notification.Or(notification.LeaseUntilIsNil(), notification.LeaseUntilLT(now)),
	}
}

// RunOnce claims one batch of due messages and delivers it; it returns how
// many messages it handled.
func (w *Worker) RunOnce(ctx context.Context) (int, error) {
	now := w.now()
	// A read first: an idle poll takes no write lock (SQLite has one).
	if ok, err := w.DB.Notification.Query().Where(due(now)...).Exist(ctx); err != nil || !ok {
		return 0, err
	}
	owner := rand.Text()
	var rows []*ent.Notification
	err := db.WithTx(ctx, w.DB, func(tx *ent.Tx) error {
		var err error
		rows, err = tx.Notification.Query().Where(due(now)...).
			Order(ent.Asc(notification.FieldDueAt), ent.Asc(notification.FieldID)).Limit(w.batch()).
			Modify(skipLocked).All(ctx)
		if err != nil || len(rows) == 0 {
			return err
		}
		ids := make([]int, len(rows))
		for i, r := range rows {
			ids[i] = r.ID
		}
		return tx.Notification.Update().Where(notification.IDIn(ids...)).
			SetLeaseUntil(now.Add(w.lease())).SetLeaseOwner(owner).Exec(ctx)
	})
	if err != nil || len(rows) == 0 {
		return 0, err
	}
	optedOut, err := w.optedOut(ctx, rows)
	if err != nil {
		return 0, err
	}
	for _, g := range group(rows) {
		if err := ctx.Err(); err != nil {
			return 0, err
		}
		var send []*ent.Notification
		for _, n := range g {
			if optedOut[n.ID] {
				w.finish(ctx, owner, n, notification.StatusSKIPPED, nil)
			} else {
				send = append(send, n)
			}
		}
		if len(send) > 0 {
			w.deliver(ctx, owner, send)
		}
	}
	return len(rows), nil
}

// skipLocked locks the claimed rows and skips rows other workers hold.
func skipLocked(s *sql.Selector) {
	if s.Dialect() == dialect.Postgres {
		s.ForUpdate(sql.WithLockAction(sql.SkipLocked))
	}
}

// group keeps immediate messages alone and gathers a customer's digest
// messages on one channel into one delivery.
func group(rows []*ent.Notification) [][]*ent.Notification {
	var out [][]*ent.Notification
	digests := map[string]int{}
	for _, n := range rows {
		if n.Frequency == notification.FrequencyIMMEDIATE || n.CustomerID == nil {
			out = append(out, []*ent.Notification{n})
			continue
		}
		key := fmt.Sprintf("%d/%s/%s", *n.CustomerID, n.Channel, n.Frequency)
		if i, ok := digests[key]; ok {
			out[i] = append(out[i], n)
			continue
		}
		digests[key] = len(out)
		out = append(out, []*ent.Notification{n})
	}
	return out
}

// optedOut finds the messages whose customer turned their topic off on
// their channel after the message was added.
func (w *Worker) optedOut(ctx context.Context, rows []*ent.Notification) (map[int]bool, error) {
	var ids []int
	for _, n := range rows {
		if n.Topic != nil && n.CustomerID != nil {
			ids = append(ids, *n.CustomerID)
		}
	}
	a, err := loadAudience(ctx, w.DB, ids)
	if err != nil {
		return nil, err
	}
	out := map[int]bool{}
	for _, n := range rows {
		if n.Topic == nil || n.CustomerID == nil {
			continue
		}
		var p Preference
		if c := a.customers[*n.CustomerID]; c != nil {
			p, _ = Find(Matrix(c, a.stored[c.ID]), *n.Topic, n.Channel)
		}
		out[n.ID] = !p.Enabled()
	}
	return out, nil
}

// deliver sends one message, or one digest of several, and records the
// outcome on each.
func (w *Worker) deliver(ctx context.Context, owner string, g []*ent.Notification) {
	first := g[0]
	err := w.send(ctx, g)
	if err == nil {
		for _, n := range g {
			w.finish(ctx, owner, n, notification.StatusSENT, nil)
		}
		return
	}
	w.log().WarnContext(ctx, "notification not delivered", "id", first.ID, "kind", first.Kind, "channel", first.Channel,
		"attempt", first.Attempts+1, "err", err)
	for _, n := range g {
		w.finish(ctx, owner, n, notification.StatusPENDING, err)
	}
}

// finish records an outcome, only while owner still holds the lease.
// A failure (status PENDING with an error) is retried after a back-off
// until the attempts run out.
func (w *Worker) finish(ctx context.Context, owner string, n *ent.Notification, status notification.Status, failure error) {
	now := w.now()
	u := w.DB.Notification.Update().
		Where(notification.ID(n.ID), notification.LeaseOwner(owner), notification.StatusEQ(notification.StatusPENDING)).
		ClearLeaseUntil().SetLeaseOwner("")
	outcome := strings.ToLower(string(status))
	switch {
	case failure == nil:
		u.SetStatus(status).ClearData()
		if status == notification.StatusSENT {
			u.SetSentAt(now)
		}
	case n.Attempts+1 >= w.retries():
		outcome = "failed"
		u.SetStatus(notification.StatusFAILED).ClearData().AddAttempts(1).SetLastError(db.Fit(failure.Error(), 500))
	default:
		outcome = "retry"
		u.AddAttempts(1).SetDueAt(now.Add(Backoff(n.Attempts + 1))).SetLastError(db.Fit(failure.Error(), 500))
	}
	// The outcome must be written even when the caller is stopping: the
	// message went out.
	k, err := u.Save(context.WithoutCancel(ctx))
	if err != nil {
		w.log().ErrorContext(ctx, "notification outcome not saved", "id", n.ID, "err", err)
	} else if k == 0 {
		w.log().WarnContext(ctx, "notification lease lost before its outcome was saved", "id", n.ID)
	}
	if w.OnResult != nil {
		w.OnResult(string(n.Channel), n.Kind, outcome)
	}
}

// data is a message's template data with the shop's name filled in.
func (w *Worker) data(n *ent.Notification) map[string]any {
	d := maps.Clone(n.Data)
	if d == nil {
		d = map[string]any{}
	}
	if s, _ := d["ShopName"].(string); s == "" {
		d["ShopName"] = w.Shop
	}
	return d
}

// send composes and sends one message or one digest.
func (w *Worker) send(ctx context.Context, g []*ent.Notification) error {
	first := g[0]
	var m mail.Message
	var err error
	if len(g) == 1 && first.Frequency == notification.FrequencyIMMEDIATE {
		m, err = mail.Compose(first.Kind, first.Language, first.Recipient, w.data(first))
	} else {
		m, err = w.digest(g)
	}
	if err != nil {
		return err
	}
	m.ID = "n" + strconv.Itoa(first.ID) + "." + strconv.FormatInt(first.CreatedAt.Unix(), 36)
	switch first.Channel {
	case notification.ChannelEMAIL:
		if w.Mail == nil {
			return errors.New("no mailer")
		}
		if len(g) == 1 && first.Topic != nil && !Locked(*first.Topic, first.Channel) && first.CustomerID != nil && w.Links != nil {
			if m.Unsubscribe, err = w.Links.URL(ctx, *first.CustomerID, *first.Topic, first.Channel); err != nil {
				return err
			}
		}
		return w.Mail.Send(ctx, m)
	case notification.ChannelSMS:
		return sendVia(ctx, w.SMS, first, m)
	default:
		return sendVia(ctx, w.Push, first, m)
	}
}

func sendVia(ctx context.Context, s Sender, n *ent.Notification, m mail.Message) error {
	if s == nil {
		return fmt.Errorf("no sender for %s", n.Channel)
	}
	return s.Send(ctx, Outgoing{ID: m.ID, Channel: string(n.Channel), Kind: n.Kind, To: n.Recipient, Title: m.Subject, Body: summary(m.Text)})
}

// summary is the first paragraph of a text, for text messages and push.
func summary(text string) string {
	p, _, _ := strings.Cut(strings.TrimSpace(text), "\n\n")
	return strings.Join(strings.Fields(p), " ")
}

// DigestItem is one message inside a digest.
type DigestItem struct{ Subject, Text string }

// digest composes the messages of a digest into one.
func (w *Worker) digest(g []*ent.Notification) (mail.Message, error) {
	first := g[0]
	items := make([]DigestItem, 0, len(g))
	for _, n := range g {
		m, err := mail.Compose(n.Kind, n.Language, n.Recipient, w.data(n))
		if err != nil {
			return mail.Message{}, err
		}
		items = append(items, DigestItem{Subject: m.Subject, Text: m.Text})
	}
	period := "daily"
	if first.Frequency == notification.FrequencyWEEKLY {
		period = "weekly"
	}
	return mail.Compose("digest", first.Language, first.Recipient, map[string]any{
		"ShopName": w.Shop, "Period": period, "Items": items,
	})
}

// Flush delivers until no due message is left, waiting for messages other
// workers hold. Tests and shutdown use it.
func (w *Worker) Flush(ctx context.Context) error {
	for {
		n, err := w.RunOnce(ctx)
		if err != nil {
			return err
		}
		if n > 0 {
			continue
		}
		now := w.now()
		busy, err := w.DB.Notification.Query().Where(notification.StatusEQ(notification.StatusPENDING),
			notification.DueAtLTE(now), notification.LeaseUntilGTE(now)).Exist(ctx)
		if err != nil || !busy {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// Prune deletes messages that were sent, skipped or given up longer than
// age ago; any replica may run it.
func (w *Worker) Prune(ctx context.Context, age time.Duration) (int, error) {
	return w.DB.Notification.Delete().Where(
		notification.StatusNEQ(notification.StatusPENDING),
		notification.CreatedAtLT(w.now().Add(-age)),
	).Exec(ctx)
}
