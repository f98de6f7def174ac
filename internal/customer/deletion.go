package customer

import (
	"context"
	"time"

	"accountgraph/ent"
	"accountgraph/ent/logincode"
	"accountgraph/internal/apperr"
	"accountgraph/internal/db"
	"accountgraph/internal/throttle"
)

// Limits of the erasure confirmation: codes mailed and wrong answers
// (codes or passwords) per account.
var (
	deleteSendByCustomer = throttle.Rule{Action: "delete_send", By: "customer", Limit: 5, Window: time.Hour}
	deleteTryByCustomer  = throttle.Rule{Action: "delete_try", By: "customer", Limit: 10, Window: time.Hour}
)

// SendDeletionCode mails the account's owner a code that confirms the
// account's erasure.
func (s *Service) SendDeletionCode(ctx context.Context, c *ent.Customer) error {
	if err := s.Limiter.Hit(ctx, deleteSendByCustomer, itoa(c.ID)); err != nil {
		return err
	}
	return s.sendCode(ctx, c.ID, c.Email, logincode.PurposeDELETE_ACCOUNT, "customer_delete_code")
}

// ConfirmDeletion checks the owner's confirmation of an erasure: the code
// from SendDeletionCode or the account's password. A code is used up.
// Wrong answers are counted per account.
func (s *Service) ConfirmDeletion(ctx context.Context, c *ent.Customer, code, password *string) error {
	id := itoa(c.ID)
	if err := s.Limiter.Check(ctx, deleteTryByCustomer, id); err != nil {
		return err
	}
	ok := false
	switch {
	case code == nil && password == nil:
		return apperr.Invalid(path("confirmation"), apperr.CodeBlank, "Give the code from the confirmation mail or the password")
	case code != nil:
		err := db.WithTx(ctx, s.DB, func(tx *ent.Tx) error {
			var err error
			ok, err = s.useCode(ctx, tx, c.EmailKey, logincode.PurposeDELETE_ACCOUNT, *code)
			return err
		})
		if err != nil {
			return err
		}
		if !ok {
			_ = s.Limiter.Record(ctx, deleteTryByCustomer, id)
			return apperr.Invalid(path("confirmation", "code"), apperr.CodeTokenInvalid, "The code is invalid or has expired; ask for a new one")
		}
	case password != nil:
		if c.PasswordHash != nil {
			var err error
			if ok, err = s.Hasher.Verify(ctx, *password, *c.PasswordHash); err != nil {
				return err
			}
		} else {
			s.Hasher.VerifyDummy(ctx, *password)
		}
		if !ok {
			_ = s.Limiter.Record(ctx, deleteTryByCustomer, id)
			return apperr.Invalid(path("confirmation", "password"), apperr.CodeInvalid, "The password is not right")
		}
	}
	return nil
}
