package loaders

import (
	"context"
	"strings"
	"sync"
	"time"

	"entgo.io/ent/dialect"

	"accountgraph/ent"
	"accountgraph/ent/customer"
	"accountgraph/internal/db"
)

// Session is the customer a live access token belongs to, with the
// session's ID and last use.
type Session struct {
	Customer *ent.Customer
	ID       int
	UsedAt   time.Time // zero: never recorded
}

var customerRows = newRowReader[ent.Customer]("Customer", customer.Table)

// SessionCustomer reads the enabled customer whose live session token has
// tokenHash, with the request's columns of the customer (see Columns), in
// one statement; setup admits tokens that only finish a sign-in. ok is false
// when the request reads whole rows: the caller reads through ent then. A
// session not found is a nil Session.
//
// It is the first statement of every account page, and through ent's
// builders and scanners it was a third of a small page's time: its text is
// made once per set of columns, and its row is scanned straight into the
// entity.
func SessionCustomer(ctx context.Context, client *ent.Client, tokenHash []byte, now time.Time, setup bool) (s *Session, ok bool, err error) {
	cols := ColumnsOf(ctx, "Customer", customer.FieldID)
	if cols == nil {
		return nil, false, nil
	}
	fields, err := customerRows.fieldsOf(cols)
	if err != nil {
		return nil, true, err
	}
	query := sessionQuery(client.Dialect(), cols, setup)
	var session *Session
	_, err = customerRows.readQuery(ctx, client, query, []any{tokenHash, now, customer.StateENABLED.String()}, fields, cols, 2,
		func(c *ent.Customer, vals []any) error {
			session = &Session{Customer: c}
			session.ID, _ = db.ValueInt(vals[0])
			session.UsedAt, _ = db.ValueTime(vals[1])
			return nil
		})
	return session, true, err
}

// sessionQueries are SessionCustomer's statements, by dialect, setup and
// columns (a few per deployment: one per set of customer fields that its
// storefront's documents select).
var sessionQueries struct {
	sync.Mutex
	m map[string]string
}

func sessionQuery(dia string, cols []string, setup bool) string {
	key := dia + "|" + strings.Join(cols, ",")
	if setup {
		key += "|setup"
	}
	sessionQueries.Lock()
	defer sessionQueries.Unlock()
	if q, ok := sessionQueries.m[key]; ok {
		return q
	}
	// Its arguments, in both forms: the token's hash, now, the enabled state.
	notSetup := " AND NOT s.setup_only"
	if setup {
		notSetup = ""
	}
	var b strings.Builder
	b.WriteString("SELECT ")
	for _, c := range cols {
		b.WriteString(`c."` + c + `", `)
	}
	if dia == dialect.SQLite {
		// The token's columns by scalar subqueries on its unique hash, not
		// a join: SQLite compiled the join again at every step
		// (sqlite3_step -> sqlite3Reprepare under perf), 17-21 us a
		// statement against 6-7 us for this form, same searches (timed on
		// the bench database, 4,000 runs each). One statement reads one
		// snapshot, so the three subqueries see the same token.
		b.WriteString(`(SELECT s.id FROM customer_access_tokens s WHERE s.token_hash = ?1),
			(SELECT s.last_used_at FROM customer_access_tokens s WHERE s.token_hash = ?1)
			FROM customers c WHERE c.id = (SELECT s.customer_id FROM customer_access_tokens s
			WHERE s.token_hash = ?1 AND s.expires_at > ?2` + notSetup + `) AND c.state = ?3`)
	} else {
		b.WriteString(`s.id, s.last_used_at FROM customers c JOIN customer_access_tokens s ON c.id = s.customer_id
			WHERE s.token_hash = ? AND s.expires_at > ?` + notSetup + ` AND c.state = ?`)
	}
	q := db.Rebind(dia, b.String())
	if len(sessionQueries.m) < 256 {
		put(&sessionQueries.m, key, q, 0)
	}
	return q
}
