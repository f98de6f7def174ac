package customer

import (
	"cmp"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"entgo.io/ent/dialect/sql"

	"accountgraph/ent"
	"accountgraph/ent/consentevent"
	"accountgraph/ent/customer"
	"accountgraph/ent/mailingaddress"
	"accountgraph/internal/apperr"
	"accountgraph/internal/db"
	"accountgraph/internal/password"
	"accountgraph/internal/ptr"
)

// ImportRowError is one problem of an imported row: its number in the
// file (the header is row 1), the column and why.
type ImportRowError struct {
	Row           int
	Column        string
	Code, Message string
}

// ImportResult is what an import did.
type ImportResult struct {
	Created, Updated, Skipped int
	// Errors lists the problems found, at most MaxImportErrors of them;
	// ErrorCount counts all.
	Errors     []ImportRowError
	ErrorCount int
}

// Limits of an import.
const (
	MaxImportErrors = 1000
	importBatch     = 500 // rows per statement: below SQLite's 32,766 parameters
)

// importColumns are the columns an import understands; aliases map
// Shopify's customer CSV headers to them.
var importColumns = map[string]string{
	"email": "email", "first_name": "first_name", "first name": "first_name", "last_name": "last_name", "last name": "last_name",
	"phone": "phone", "tags": "tags", "note": "note", "accepts_marketing": "accepts_marketing", "accepts email marketing": "accepts_marketing",
	"password": "password", "password_hash": "password_hash",
	"address1": "address1", "default address address1": "address1", "address2": "address2", "default address address2": "address2",
	"city": "city", "default address city": "city", "company": "company", "default address company": "company",
	"province": "province", "province_code": "province", "default address province code": "province",
	"country": "country", "country_code": "country", "default address country code": "country",
	"zip": "zip", "default address zip": "zip", "address_phone": "address_phone", "default address phone": "address_phone",
}

// importRow is a validated row.
type importRow struct {
	row                int
	email, key         string
	first, last, phone *string
	note               *string
	tags               []string
	marketing          *bool
	hash               *string
	addr               *ValidAddress
	existing           *ent.Customer // nil for a new customer
}

// Import reads customers from CSV (a header row, then one customer per
// row) and creates or updates them by email, so importing the same file
// twice changes nothing the second time. Every row is checked first; with
// skipInvalid false, one bad row means nothing is written (the report
// says why), with skipInvalid true the good rows are written. Writing is
// one transaction in batches of a few hundred rows per statement.
//
// New customers without a password are INVITED (they activate through
// customerActivate, or sign in with a code); a password column is hashed
// with argon2id (slow on purpose: prefer password_hash, an argon2id PHC
// string from an earlier system). Existing customers get the file's names,
// phone, tags, note and marketing consent; their password is set only if
// they have none, an address only if they have none.
func (s *Service) Import(ctx context.Context, r io.Reader, skipInvalid bool) (*ImportResult, error) {
	res := &ImportResult{}
	report := func(row int, col, code, msg string) {
		res.ErrorCount++
		if len(res.Errors) < MaxImportErrors {
			res.Errors = append(res.Errors, ImportRowError{Row: row, Column: col, Code: code, Message: msg})
		}
	}
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		return nil, apperr.Invalid(path("csv"), apperr.CodeBlank, "The file has no header row")
	}
	cols := map[string]int{}
	for i, h := range header {
		name, ok := importColumns[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))]
		if !ok {
			return nil, apperr.Invalid(path("csv"), apperr.CodeInvalid, fmt.Sprintf("Unknown column %q", h))
		}
		cols[name] = i
	}
	if _, ok := cols["email"]; !ok {
		return nil, apperr.Invalid(path("csv"), apperr.CodeBlank, "The email column is missing")
	}
	var rows []*importRow
	seen := map[string]int{}
	for n := 2; ; n++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				report(n, "", apperr.CodeInvalid, "Not valid CSV: "+pe.Err.Error())
				continue
			}
			return nil, err
		}
		get := func(col string) *string {
			i, ok := cols[col]
			if !ok || i >= len(rec) || strings.TrimSpace(rec[i]) == "" {
				return nil
			}
			v := rec[i]
			return &v
		}
		row, errs := s.importRow(get)
		row.row = n
		if j, dup := seen[row.key]; dup && row.key != "" {
			errs.Add(path("email"), apperr.CodeTaken, "Email is also on row "+strconv.Itoa(j))
		}
		if len(errs) > 0 {
			for _, e := range errs {
				report(n, e.Field[len(e.Field)-1], e.Code, e.Message)
			}
			res.Skipped++
			continue
		}
		seen[row.key] = n
		rows = append(rows, row)
	}
	if res.ErrorCount > 0 && !skipInvalid {
		res.Skipped += len(rows)
		return res, nil
	}
	err = db.WithTx(ctx, s.DB, func(tx *ent.Tx) error {
		for start := 0; start < len(rows); start += importBatch {
			batch := rows[start:min(start+importBatch, len(rows))]
			created, updated, err := s.importBatch(ctx, tx, batch)
			if err != nil {
				return err
			}
			res.Created += created
			res.Updated += updated
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

// importRow validates one row's values.
func (s *Service) importRow(get func(string) *string) (*importRow, apperr.FieldErrors) {
	var errs apperr.FieldErrors
	row := &importRow{}
	row.email = checkEmail(&errs, path("email"), ptr.Deref(get("email")))
	row.key = EmailKey(row.email)
	p := profile{}
	validateNames(&p, "", get("first_name"), get("last_name"))
	for _, e := range p.errs {
		errs.Add(path(map[string]string{"firstName": "first_name", "lastName": "last_name"}[e.Field[len(e.Field)-1]]), e.Code, e.Message)
	}
	row.first, row.last = emptyToNil(p.firstName), emptyToNil(p.lastName)
	if v := get("phone"); v != nil {
		ph := checkPhone(&errs, path("phone"), *v, "")
		row.phone = &ph
	}
	if v := get("note"); v != nil {
		n := checkText(&errs, path("note"), "Note", *v, MaxNote, false)
		row.note = &n
	}
	if v := get("tags"); v != nil {
		row.tags = checkTags(&errs, path("tags"), strings.Split(*v, ","))
	}
	if v := get("accepts_marketing"); v != nil {
		switch strings.ToLower(strings.TrimSpace(*v)) {
		case "true", "yes", "y", "1":
			row.marketing = ptrTo(true)
		case "false", "no", "n", "0":
			row.marketing = ptrTo(false)
		default:
			errs.Add(path("accepts_marketing"), apperr.CodeInvalid, "Use yes or no")
		}
	}
	switch pw, h := get("password"), get("password_hash"); {
	case pw != nil && h != nil:
		errs.Add(path("password"), apperr.CodeInvalid, "Give a password or a password hash, not both")
	case h != nil:
		if !password.ValidHash(strings.TrimSpace(*h)) {
			errs.Add(path("password_hash"), apperr.CodeInvalid, "Not an argon2id hash in PHC form ($argon2id$v=19$m=…,t=…,p=…$salt$hash)")
		} else {
			row.hash = ptrTo(strings.TrimSpace(*h))
		}
	case pw != nil:
		checkPassword(&errs, path("password"), *pw)
		if len(errs) == 0 {
			hash, err := s.Hasher.Hash(context.Background(), *pw)
			if err != nil {
				errs.Add(path("password"), apperr.CodeInvalid, "The password could not be hashed")
			}
			row.hash = &hash
		}
	}
	if get("address1") != nil || get("city") != nil || get("country") != nil || get("zip") != nil {
		in := AddressInput{Company: get("company"), Address1: get("address1"), Address2: get("address2"),
			City: get("city"), Province: get("province"), Country: get("country"), Zip: get("zip"), Phone: get("address_phone"),
		}
		if len(p.errs) == 0 {
			in.FirstName, in.LastName = row.first, row.last
		}
		a, err := ValidateAddress(in, nil)
		var fe apperr.FieldErrors
		if errors.As(err, &fe) {
			for _, e := range fe {
				col := e.Field[len(e.Field)-1]
				if col == "phone" {
					col = "address_phone"
				}
				errs.Add(path(col), e.Code, e.Message)
			}
		} else {
			row.addr = &a
		}
	}
	return row, errs
}

// importBatch writes validated rows: one statement reads which customers
// exist, one creates the new ones, one their addresses, one sets those as
// default, one records consents; existing customers take one update each.
func (s *Service) importBatch(ctx context.Context, tx *ent.Tx, rows []*importRow) (created, updated int, err error) {
	keys := make([]string, len(rows))
	for i, r := range rows {
		keys[i] = r.key
	}
	existing, err := tx.Customer.Query().Where(customer.EmailKeyIn(keys...)).
		Select(customer.FieldID, customer.FieldEmailKey, customer.FieldFirstName, customer.FieldLastName,
			customer.FieldPasswordHash, customer.FieldDefaultAddressID, customer.FieldAcceptsMarketing, customer.FieldState).
		All(ctx)
	if err != nil {
		return 0, 0, err
	}
	byKey := map[string]*ent.Customer{}
	for _, c := range existing {
		byKey[c.EmailKey] = c
	}
	var creates []*ent.CustomerCreate
	var fresh []*importRow
	for _, r := range rows {
		if c, ok := byKey[r.key]; ok {
			r.existing = c
			continue
		}
		st := customer.StateINVITED
		if r.hash != nil {
			st = customer.StateENABLED
		}
		c := tx.Customer.Create().SetEmail(r.email).SetEmailKey(r.key).
			SetNillableFirstName(r.first).SetNillableLastName(r.last).SetSortName(NameKey(r.first, r.last)).
			SetNillablePhone(r.phone).SetNillableNote(r.note).SetNillablePasswordHash(r.hash).SetState(st)
		if r.tags != nil {
			c.SetTags(r.tags)
		}
		if r.marketing != nil {
			c.SetAcceptsMarketing(*r.marketing).SetAcceptsMarketingUpdatedAt(s.now())
		}
		creates = append(creates, c)
		fresh = append(fresh, r)
	}
	ids := map[*importRow]int{}
	if len(creates) > 0 {
		made, err := tx.Customer.CreateBulk(creates...).Save(ctx)
		if err != nil {
			if db.IsUniqueViolation(err) {
				return 0, 0, apperr.Invalid(path("csv"), apperr.CodeTaken, "An email or phone of the file is taken (by another customer or a concurrent change)")
			}
			return 0, 0, err
		}
		for i, c := range made {
			ids[fresh[i]] = c.ID
		}
	}
	var addrs []*ent.MailingAddressCreate
	var withAddr []int
	var consents []*ent.ConsentEventCreate
	for _, r := range rows {
		id, old := ids[r], r.existing
		if old != nil {
			id = old.ID
			u := tx.Customer.Update().Where(customer.ID(id)).SetSortName(NameKey(cmp.Or(r.first, old.FirstName), cmp.Or(r.last, old.LastName)))
			if r.first != nil {
				u.SetFirstName(*r.first)
			}
			if r.last != nil {
				u.SetLastName(*r.last)
			}
			if r.phone != nil {
				u.SetPhone(*r.phone)
			}
			if r.note != nil {
				u.SetNote(*r.note)
			}
			if r.tags != nil {
				u.SetTags(r.tags)
			}
			if r.marketing != nil && *r.marketing != old.AcceptsMarketing {
				u.SetAcceptsMarketing(*r.marketing).SetAcceptsMarketingUpdatedAt(s.now())
			}
			if r.hash != nil && old.PasswordHash == nil {
				u.SetPasswordHash(*r.hash)
				if old.State == customer.StateINVITED {
					u.SetState(customer.StateENABLED)
				}
			}
			if err := u.Exec(ctx); err != nil {
				if db.IsUniqueViolation(err) {
					return 0, 0, apperr.Invalid(path("csv"), apperr.CodeTaken, fmt.Sprintf("Row %d: the phone is another customer's", r.row))
				}
				return 0, 0, err
			}
			updated++
		} else {
			created++
		}
		if r.marketing != nil && (old == nil || *r.marketing != old.AcceptsMarketing) {
			consents = append(consents, tx.ConsentEvent.Create().SetCustomerID(id).SetTopic(consentevent.TopicMARKETING_EMAIL).
				SetGranted(*r.marketing).SetSource(consentevent.SourceIMPORT))
		}
		if r.addr != nil && (old == nil || old.DefaultAddressID == nil) {
			addrs = append(addrs, setAddress(tx.MailingAddress.Create().SetCustomerID(id), *r.addr))
			withAddr = append(withAddr, id)
		}
	}
	if len(addrs) > 0 {
		if err := tx.MailingAddress.CreateBulk(addrs...).Exec(ctx); err != nil {
			return 0, 0, err
		}
		if err := DefaultFirstAddress(ctx, tx, withAddr...); err != nil {
			return 0, 0, err
		}
	}
	if len(consents) > 0 {
		if err := tx.ConsentEvent.CreateBulk(consents...).Exec(ctx); err != nil {
			return 0, 0, err
		}
	}
	return created, updated, nil
}

func ptrTo[T any](v T) *T { return &v }

// DefaultFirstAddress makes each customer's first address their default,
// for those of the customers without one, in one statement (bulk loads).
func DefaultFirstAddress(ctx context.Context, tx *ent.Tx, ids ...int) error {
	return tx.Customer.Update().Where(customer.IDIn(ids...), customer.DefaultAddressIDIsNil()).
		Modify(func(u *sql.UpdateBuilder) {
			u.Set(customer.FieldDefaultAddressID, sql.ExprFunc(func(b *sql.Builder) {
				b.WriteString("(SELECT MIN(a.").Ident(mailingaddress.FieldID).WriteString(") FROM ").Ident(mailingaddress.Table).
					WriteString(" a WHERE a.").Ident(mailingaddress.CustomerColumn).WriteString(" = ").
					Ident(customer.Table).WriteByte('.').Ident(customer.FieldID).WriteByte(')')
			}))
		}).Exec(ctx)
}
