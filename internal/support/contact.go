package support

import (
	"context"
	"net/mail"
	"net/url"
	"regexp"
	"strings"
	"unicode/utf8"

	"accountgraph/ent"
	"accountgraph/ent/supportcontact"
	"accountgraph/internal/apperr"
)

const contactRowID = 1

// Contact returns how customers reach support (empty until staff set it).
func (s *Service) Contact(ctx context.Context) (*ent.SupportContact, error) {
	c, err := s.DB.SupportContact.Get(ctx, contactRowID)
	if ent.IsNotFound(err) {
		return &ent.SupportContact{ID: contactRowID}, nil
	}
	return c, err
}

// ContactInput changes the contact: nil fields stay, empty ones are removed.
type ContactInput struct {
	Email, Phone, Hours, ChatURL, FaqURL *string
}

var phoneRE = regexp.MustCompile(`^\+?[0-9 ()\-]{3,30}$`)

// UpdateContact validates and stores the contact.
func (s *Service) UpdateContact(ctx context.Context, in ContactInput) (*ent.SupportContact, error) {
	var errs apperr.FieldErrors
	f := func(name string) []string { return apperr.Path("input", name) }
	clean := func(p *string) *string {
		if p == nil {
			return nil
		}
		v := strings.TrimSpace(*p)
		return &v
	}
	email, phone, hours, chat, faq := clean(in.Email), clean(in.Phone), clean(in.Hours), clean(in.ChatURL), clean(in.FaqURL)
	if email != nil && *email != "" {
		if a, err := mail.ParseAddress(*email); err != nil || a.Address != *email || len(*email) > 254 {
			errs.Add(f("email"), apperr.CodeInvalid, "Not an email address")
		}
	}
	if phone != nil && *phone != "" && !phoneRE.MatchString(*phone) {
		errs.Add(f("phone"), apperr.CodeInvalid, "A phone number is digits, spaces, +, -, ( and ) (at most 30)")
	}
	if hours != nil {
		switch {
		case utf8.RuneCountInString(*hours) > 200:
			errs.Add(f("hours"), apperr.CodeTooLong, "At most 200 characters")
		case strings.ContainsAny(*hours, "<>"):
			errs.Add(f("hours"), apperr.CodeInvalid, "Can't contain HTML")
		}
	}
	for name, v := range map[string]*string{"chatUrl": chat, "faqUrl": faq} {
		if v == nil || *v == "" {
			continue
		}
		if u, err := url.Parse(*v); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || len(*v) > 2048 {
			errs.Add(f(name), apperr.CodeInvalid, "Not an http(s) URL")
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	cur, err := s.Contact(ctx)
	if err != nil {
		return nil, err
	}
	pick := func(in, old *string) *string {
		switch {
		case in == nil:
			return old
		case *in == "":
			return nil
		}
		return in
	}
	email, phone, hours = pick(email, cur.Email), pick(phone, cur.Phone), pick(hours, cur.Hours)
	chat, faq = pick(chat, cur.ChatURL), pick(faq, cur.FaqURL)
	// One upsert: each column takes its new value, or NULL where removed.
	err = s.DB.SupportContact.Create().SetID(contactRowID).SetNillableEmail(email).SetNillablePhone(phone).
		SetNillableHours(hours).SetNillableChatURL(chat).SetNillableFaqURL(faq).
		OnConflictColumns(supportcontact.FieldID).Update(func(u *ent.SupportContactUpsert) {
		u.UpdateUpdatedAt()
		for _, col := range []struct {
			v             *string
			update, clear func() *ent.SupportContactUpsert
		}{
			{email, u.UpdateEmail, u.ClearEmail}, {phone, u.UpdatePhone, u.ClearPhone}, {hours, u.UpdateHours, u.ClearHours},
			{chat, u.UpdateChatURL, u.ClearChatURL}, {faq, u.UpdateFaqURL, u.ClearFaqURL},
		} {
			if col.v != nil {
				col.update()
			} else {
				col.clear()
			}
		}
	}).Exec(ctx)
	if err != nil {
		return nil, err
	}
	return s.Contact(ctx)
}
