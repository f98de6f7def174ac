package customer

import (
	"context"

	"accountgraph/ent"
	"accountgraph/ent/customer"
	"accountgraph/ent/customertoken"
	"accountgraph/internal/apperr"
	"accountgraph/internal/db"
)

// Invitations: accounts staff create, which the customer activates.

// InviteInput is adminCustomerInvite's input.
type InviteInput struct {
	Email     string
	FirstName *string
	LastName  *string
	Message   *string
}

// Invite creates an invited customer (no password yet) and mails an
// activation link.
func (s *Service) Invite(ctx context.Context, in InviteInput) (*ent.Customer, error) {
	cs, err := s.invite(ctx, []InviteInput{in}, func(_ int, f string) []string { return path("input", f) })
	if err != nil {
		return nil, err
	}
	return cs[0], nil
}

// InviteMany invites up to MaxInvites people in one transaction: when any
// entry is wrong, nobody is invited.
func (s *Service) InviteMany(ctx context.Context, ins []InviteInput) ([]*ent.Customer, error) {
	if len(ins) > MaxInvites {
		return nil, apperr.Invalid(path("inputs"), apperr.CodeTooMany, "At most "+itoa(MaxInvites)+" invitations at once")
	}
	return s.invite(ctx, ins, func(i int, f string) []string { return path("inputs", itoa(i), f) })
}

// invite validates every entry (at names a field of an entry), then creates
// the customers, their activation tokens and mails in one transaction.
func (s *Service) invite(ctx context.Context, ins []InviteInput, at func(i int, field string) []string) ([]*ent.Customer, error) {
	var errs apperr.FieldErrors
	type entry struct {
		email string
		p     profile
		msg   string
	}
	entries := make([]entry, len(ins))
	seen := map[string]int{}
	for i, in := range ins {
		e := &entries[i]
		e.email = checkEmail(&errs, at(i, "email"), in.Email)
		validateNames(&e.p, "", in.FirstName, in.LastName)
		for _, fe := range e.p.errs {
			errs.Add(at(i, fe.Field[len(fe.Field)-1]), fe.Code, fe.Message)
		}
		if in.Message != nil {
			e.msg = checkText(&errs, at(i, "message"), "Message", *in.Message, MaxInviteMsg, false)
		}
		if j, dup := seen[EmailKey(e.email)]; dup {
			errs.Add(at(i, "email"), apperr.CodeTaken, "Email is also entry "+itoa(j))
		}
		seen[EmailKey(e.email)] = i
	}
	keys := make([]string, 0, len(seen))
	for k := range seen {
		keys = append(keys, k)
	}
	taken, err := s.DB.Customer.Query().Where(customer.EmailKeyIn(keys...)).Select(customer.FieldEmailKey).Strings(ctx)
	if err != nil {
		return nil, err
	}
	for _, k := range taken {
		errs.Add(at(seen[k], "email"), apperr.CodeTaken, "Email has already been taken")
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	var out []*ent.Customer
	err = db.WithTx(ctx, s.DB, func(tx *ent.Tx) error {
		bulk := make([]*ent.CustomerCreate, len(entries))
		for i, e := range entries {
			bulk[i] = tx.Customer.Create().
				SetEmail(e.email).SetEmailKey(EmailKey(e.email)).
				SetNillableFirstName(emptyToNil(e.p.firstName)).SetNillableLastName(emptyToNil(e.p.lastName)).
				SetSortName(NameKey(e.p.firstName, e.p.lastName)).
				SetState(customer.StateINVITED)
		}
		var err error
		if out, err = tx.Customer.CreateBulk(bulk...).Save(ctx); err != nil {
			return err
		}
		messages := make([]string, len(entries))
		for i, e := range entries {
			messages[i] = e.msg
		}
		return s.sendLinksTx(ctx, tx, out, customertoken.PurposeACTIVATION, "customer_activation", "activate", messages)
	})
	if db.IsUniqueViolation(err) {
		// Someone registered one of the addresses meanwhile.
		return nil, apperr.Invalid(at(0, "email"), apperr.CodeTaken, "An email was taken meanwhile; try again")
	}
	return out, err
}
