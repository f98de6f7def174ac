// Package preferences holds what customers tell the shop about themselves
// (language, currency, sizes, colours, interests, occasions, birthday), the
// shop's vocabulary those choices come from, the privacy switches
// (personalization, data sharing) and the consent log that records every
// change of consent.
package preferences

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"entgo.io/ent/dialect/sql"

	"accountgraph/ent"
	"accountgraph/ent/consentevent"
	"accountgraph/ent/preferencevocabulary"
	"accountgraph/internal/apperr"
	"accountgraph/internal/auth"
	"accountgraph/internal/customer"
	"accountgraph/internal/db"
	"accountgraph/internal/page"
)

// Limits of the vocabulary and of a customer's choices.
const (
	MaxVocabulary = 200 // values per list
	MaxValue      = 50  // characters per value
	MaxChoices    = 20  // values a customer picks per list
)

// Service runs the preference rules.
type Service struct {
	DB        *ent.Client
	Customers auth.Authenticator
	// Marketing keeps acceptsMarketing in step with promotions by email.
	Marketing interface {
		SetAcceptsMarketing(ctx context.Context, tx *ent.Tx, customerID int, accepts bool, source consentevent.Source) error
	}
	Now func() time.Time
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now().UTC()
	}
	return time.Now().UTC()
}

const vocabularyRowID = 1

// Vocabulary returns the values customers may choose from (empty lists
// until staff set them).
func (s *Service) Vocabulary(ctx context.Context) (*ent.PreferenceVocabulary, error) {
	v, err := s.DB.PreferenceVocabulary.Get(ctx, vocabularyRowID)
	if ent.IsNotFound(err) {
		return &ent.PreferenceVocabulary{ID: vocabularyRowID, Sizes: []string{}, Colors: []string{}, Interests: []string{}, Occasions: []string{}}, nil
	}
	return v, err
}

// Lists is one value per preference list; a nil list is left as it is.
type Lists struct {
	Sizes, Colors, Interests, Occasions []string
}

func (l Lists) each(fn func(name string, values []string)) {
	fn("sizes", l.Sizes)
	fn("colors", l.Colors)
	fn("interests", l.Interests)
	fn("occasions", l.Occasions)
}

// UpdateVocabulary replaces the lists given. Values are trimmed, plain
// text, at most MaxValue characters, and unique regardless of case.
// Customers keep values later removed from the vocabulary until they next
// change that list.
func (s *Service) UpdateVocabulary(ctx context.Context, in Lists) (*ent.PreferenceVocabulary, error) {
	var errs apperr.FieldErrors
	clean := map[string][]string{}
	in.each(func(name string, values []string) {
		if values == nil {
			return
		}
		if len(values) > MaxVocabulary {
			errs.Add(apperr.Path("input", name), apperr.CodeTooMany, "At most 200 values")
			return
		}
		out, seen := []string{}, map[string]bool{}
		for i, v := range values {
			v = strings.TrimSpace(v)
			f := apperr.Path("input", name, i)
			switch {
			case v == "":
				errs.Add(f, apperr.CodeBlank, "A value can't be blank")
			case utf8.RuneCountInString(v) > MaxValue:
				errs.Add(f, apperr.CodeTooLong, "A value is at most 50 characters")
			case !plain(v):
				errs.Add(f, apperr.CodeInvalid, "A value is plain text without HTML or control characters")
			case seen[strings.ToLower(v)]:
				errs.Add(f, apperr.CodeTaken, "The value is already in the list")
			default:
				seen[strings.ToLower(v)] = true
				out = append(out, v)
			}
		}
		clean[name] = out
	})
	if err := errs.Err(); err != nil {
		return nil, err
	}
	cur, err := s.Vocabulary(ctx)
	if err != nil {
		return nil, err
	}
	pick := func(name string, old []string) []string {
		if v, ok := clean[name]; ok {
			return v
		}
		return old
	}
	err = s.DB.PreferenceVocabulary.Create().SetID(vocabularyRowID).
		SetSizes(pick("sizes", cur.Sizes)).SetColors(pick("colors", cur.Colors)).
		SetInterests(pick("interests", cur.Interests)).SetOccasions(pick("occasions", cur.Occasions)).
		OnConflictColumns(preferencevocabulary.FieldID).UpdateNewValues().Exec(ctx)
	if err != nil {
		return nil, err
	}
	return s.Vocabulary(ctx)
}

func plain(v string) bool {
	for _, r := range v {
		if unicode.IsControl(r) || r == '<' || r == '>' {
			return false
		}
	}
	return true
}

// Input changes a customer's preferences; nil fields stay. Language and
// currency are ISO codes already checked by the API's enums; SetX with a
// nil value removes them.
type Input struct {
	Lists
	Language, CurrencyCode       *string
	SetLanguage, SetCurrencyCode bool
	Birthday                     *string
	SetBirthday                  bool
	Personalization              *bool
}

// Update changes the signed-in customer's preferences in one transaction.
// Each chosen value must be in the shop's vocabulary; it is stored as the
// vocabulary spells it.
func (s *Service) Update(ctx context.Context, token string, in Input) (*ent.Customer, error) {
	c, err := s.Customers.RequireCustomer(ctx, token)
	if err != nil {
		return nil, err
	}
	voc, err := s.Vocabulary(ctx)
	if err != nil {
		return nil, err
	}
	allowed := map[string][]string{"sizes": voc.Sizes, "colors": voc.Colors, "interests": voc.Interests, "occasions": voc.Occasions}
	var errs apperr.FieldErrors
	chosen := map[string][]string{}
	in.each(func(name string, values []string) {
		if values == nil {
			return
		}
		if len(values) > MaxChoices {
			errs.Add(apperr.Path("preferences", name), apperr.CodeTooLong, "Choose at most 20")
			return
		}
		out := []string{}
		for i, v := range values {
			canonical, ok := lookup(allowed[name], v)
			if !ok {
				errs.Add(apperr.Path("preferences", name, i), apperr.CodeInvalid, "Not one of the shop's "+name)
				continue
			}
			if !slices.Contains(out, canonical) {
				out = append(out, canonical)
			}
		}
		chosen[name] = out
	})
	var birthday *time.Time
	if in.SetBirthday {
		birthday = customer.ParseBirthday(&errs, apperr.Path("preferences", "birthday"), in.Birthday, s.now())
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	err = db.WithTx(ctx, s.DB, func(tx *ent.Tx) error {
		u := tx.Customer.UpdateOneID(c.ID)
		if v, ok := chosen["sizes"]; ok {
			u.SetSizes(v)
		}
		if v, ok := chosen["colors"]; ok {
			u.SetColors(v)
		}
		if v, ok := chosen["interests"]; ok {
			u.SetInterests(v)
		}
		if v, ok := chosen["occasions"]; ok {
			u.SetOccasions(v)
		}
		if in.SetLanguage {
			u.SetNillableLanguage(in.Language)
			if in.Language == nil {
				u.ClearLanguage()
			}
		}
		if in.SetCurrencyCode {
			u.SetNillableCurrencyCode(in.CurrencyCode)
			if in.CurrencyCode == nil {
				u.ClearCurrencyCode()
			}
		}
		if in.SetBirthday {
			customer.SetBirthday(u.Mutation(), birthday)
		}
		if err := s.setConsent(ctx, tx, u, c, in.Personalization, nil); err != nil {
			return err
		}
		c, err = u.Save(ctx)
		return err
	})
	return c, err
}

// UpdatePrivacy changes the customer's privacy switches.
func (s *Service) UpdatePrivacy(ctx context.Context, token string, personalization, dataSharing *bool) (*ent.Customer, error) {
	c, err := s.Customers.RequireCustomer(ctx, token)
	if err != nil {
		return nil, err
	}
	err = db.WithTx(ctx, s.DB, func(tx *ent.Tx) error {
		u := tx.Customer.UpdateOneID(c.ID)
		if err := s.setConsent(ctx, tx, u, c, personalization, dataSharing); err != nil {
			return err
		}
		c, err = u.Save(ctx)
		return err
	})
	return c, err
}

// setConsent applies the switches that changed and logs each change.
func (s *Service) setConsent(ctx context.Context, tx *ent.Tx, u *ent.CustomerUpdateOne, c *ent.Customer, personalization, dataSharing *bool) error {
	if personalization != nil && *personalization != c.Personalization {
		u.SetPersonalization(*personalization)
		if err := customer.RecordConsent(ctx, tx, c.ID, consentevent.TopicPERSONALIZATION, *personalization, consentevent.SourceSTOREFRONT); err != nil {
			return err
		}
	}
	if dataSharing != nil && *dataSharing != c.DataSharing {
		u.SetDataSharing(*dataSharing)
		if err := customer.RecordConsent(ctx, tx, c.ID, consentevent.TopicDATA_SHARING, *dataSharing, consentevent.SourceSTOREFRONT); err != nil {
			return err
		}
	}
	return nil
}

// ConsentLog pages through a customer's consent changes, newest first,
// for staff audits.
func (s *Service) ConsentLog(ctx context.Context, customerID int, args page.Args) (page.Page[*ent.ConsentEvent], error) {
	args.Reverse = !args.Reverse
	w, err := page.NewWindow(args, "consent")
	if err != nil {
		return page.Page[*ent.ConsentEvent]{}, err
	}
	return page.Query(w, page.Column{Name: "id"}, func(mod func(*sql.Selector), limit int) ([]*ent.ConsentEvent, error) {
		return s.DB.ConsentEvent.Query().Where(consentevent.CustomerID(customerID)).Modify(mod).Limit(limit).All(ctx)
	}, func(e *ent.ConsentEvent) (string, int) { return "", e.ID })
}

// lookup finds v in the vocabulary regardless of case and surrounding
// space, and returns the vocabulary's spelling.
func lookup(vocabulary []string, v string) (string, bool) {
	v = strings.TrimSpace(v)
	for _, w := range vocabulary {
		if strings.EqualFold(w, v) {
			return w, true
		}
	}
	return "", false
}
