package customer

import (
	"context"
	"strings"

	"accountgraph/ent"
	"accountgraph/ent/mailingaddress"
	"accountgraph/internal/address"
	"accountgraph/internal/apperr"
	"accountgraph/internal/db"
	"accountgraph/internal/gid"
	"accountgraph/internal/ptr"
)

// MaxAddresses is how many addresses one customer may keep.
const MaxAddresses = 100

// AddressInput is a MailingAddressInput.
type AddressInput struct {
	Address1, Address2, City, Company, Country *string
	FirstName, LastName, Phone, Province, Zip  *string
	// Given names the fields the client sent (by their GraphQL names): an
	// update changes only those. A create ignores it.
	Given map[string]bool
}

// over returns the input's fields where given, m's elsewhere: the address
// an update asks for.
func (in AddressInput) over(m *ent.MailingAddress) AddressInput {
	pick := func(name string, v, old *string) *string {
		if in.Given[name] {
			return v
		}
		return old
	}
	country := m.CountryCode
	if country == nil {
		country = m.Country
	}
	province := m.ProvinceCode
	if province == nil {
		province = m.Province
	}
	return AddressInput{
		Address1: pick("address1", in.Address1, m.Address1), Address2: pick("address2", in.Address2, m.Address2),
		City: pick("city", in.City, m.City), Company: pick("company", in.Company, m.Company),
		Country: pick("country", in.Country, country), FirstName: pick("firstName", in.FirstName, m.FirstName),
		LastName: pick("lastName", in.LastName, m.LastName), Phone: pick("phone", in.Phone, m.Phone),
		Province: pick("province", in.Province, province), Zip: pick("zip", in.Zip, m.Zip),
	}
}

// ValidAddress is an address that passed ValidateAddress.
type ValidAddress struct {
	address.Parts
}

// SaveAddress stores a validated address that belongs to no customer (an
// order's shipping or billing address).
func SaveAddress(ctx context.Context, tx *ent.Tx, a ValidAddress) (*ent.MailingAddress, error) {
	return setAddress(tx.MailingAddress.Create(), a).Save(ctx)
}

// validateAddress checks an address: street, city and country are needed;
// so are a province and a postal code where the country uses them.
func validateAddress(in AddressInput) (ValidAddress, error) {
	return ValidateAddress(in, path("address"))
}

// ValidateAddress checks an address whose input field is at prefix (for
// example ["order", "shippingAddress"]).
func ValidateAddress(in AddressInput, prefix []string) (ValidAddress, error) {
	var errs apperr.FieldErrors
	f := func(name string) []string { return append(append([]string{}, prefix...), name) }
	text := func(name, label string, v *string, max int, noURL bool) string {
		return checkText(&errs, f(name), label, ptr.Deref(v), max, noURL)
	}
	var a ValidAddress
	a.FirstName = text("firstName", "First name", in.FirstName, MaxNameLength, true)
	a.LastName = text("lastName", "Last name", in.LastName, MaxNameLength, true)
	a.Company = text("company", "Company", in.Company, 255, false)
	a.Address1 = text("address1", "Address", in.Address1, 255, false)
	a.Address2 = text("address2", "Address line 2", in.Address2, 255, false)
	a.City = text("city", "City", in.City, 255, false)
	a.Province = text("province", "Province", in.Province, 255, false)
	a.Zip = text("zip", "Postal code", in.Zip, 32, false)
	country := text("country", "Country", in.Country, 255, false)
	if len(errs) > 0 {
		return a, errs
	}
	if a.Address1 == "" {
		errs.Add(f("address1"), apperr.CodeBlank, "Address can't be blank")
	}
	if a.City == "" {
		errs.Add(f("city"), apperr.CodeBlank, "City can't be blank")
	}
	if country == "" {
		errs.Add(f("country"), apperr.CodeBlank, "Country can't be blank")
	} else if code, ok := address.CountryCode(country); !ok {
		errs.Add(f("country"), apperr.CodeInvalid, "Country is not supported")
	} else {
		a.CountryCode, a.Country = code, address.CountryName(code)
		if a.Province != "" {
			if pc, ok := address.ProvinceCode(code, a.Province); ok {
				a.ProvinceCode, a.Province = pc, address.ProvinceName(code, pc)
			} else if address.RequiresProvince(code) {
				errs.Add(f("province"), apperr.CodeInvalid, "Province is not valid for "+a.Country)
			}
		} else if address.RequiresProvince(code) {
			errs.Add(f("province"), apperr.CodeBlank, "Province can't be blank")
		}
		if a.Zip == "" && address.RequiresZip(code) {
			errs.Add(f("zip"), apperr.CodeBlank, "Postal code can't be blank")
		} else if a.Zip != "" && !address.ValidZip(code, a.Zip) {
			errs.Add(f("zip"), apperr.CodeInvalid, "Postal code is not valid for "+a.Country)
		}
	}
	if in.Phone != nil && strings.TrimSpace(*in.Phone) != "" {
		a.Phone = checkPhone(&errs, f("phone"), *in.Phone, a.CountryCode)
	}
	return a, errs.Err()
}

func nilIfEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// sameAddress tells whether a stored address equals a validated one.
func sameAddress(m *ent.MailingAddress, a ValidAddress) bool {
	eq := func(p *string, s string) bool { return strings.EqualFold(ptr.Deref(p), s) }
	return eq(m.FirstName, a.FirstName) && eq(m.LastName, a.LastName) && eq(m.Company, a.Company) &&
		eq(m.Address1, a.Address1) && eq(m.Address2, a.Address2) && eq(m.City, a.City) &&
		eq(m.CountryCode, a.CountryCode) && eq(m.Province, a.Province) &&
		strings.EqualFold(strings.ReplaceAll(ptr.Deref(m.Zip), " ", ""), strings.ReplaceAll(a.Zip, " ", "")) &&
		eq(m.Phone, a.Phone)
}

// findAddress is the stored address equal to a, or nil.
func findAddress(stored []*ent.MailingAddress, a ValidAddress) *ent.MailingAddress {
	for _, m := range stored {
		if sameAddress(m, a) {
			return m
		}
	}
	return nil
}

// lockedAddresses locks the customer (so concurrent additions see each
// other's rows) and returns it with its addresses, in tx.
func lockedAddresses(ctx context.Context, tx *ent.Tx, customerID int) (*ent.Customer, []*ent.MailingAddress, error) {
	c, err := db.LockCustomer(ctx, tx, customerID)
	if err != nil {
		return nil, nil, err
	}
	existing, err := tx.MailingAddress.Query().Where(mailingaddress.CustomerID(c.ID)).All(ctx)
	return c, existing, err
}

func addressNotFound(field string) error {
	return apperr.Invalid(path(field), apperr.CodeNotFound, "Address does not exist")
}

// ownAddress returns the customer's address with global ID id, or a
// NOT_FOUND error; another customer's address is never found.
func ownAddress(ctx context.Context, db *ent.Client, customerID int, id, field string) (*ent.MailingAddress, error) {
	key, err := gid.Decode(id, "MailingAddress")
	if err != nil {
		return nil, addressNotFound(field)
	}
	a, err := db.MailingAddress.Query().
		Where(mailingaddress.ID(key), mailingaddress.CustomerID(customerID)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, addressNotFound(field)
	}
	return a, err
}

// CreateAddress saves a new address; the first one becomes the default.
func (s *Service) CreateAddress(ctx context.Context, accessToken string, in AddressInput) (*ent.MailingAddress, error) {
	c, err := s.RequireCustomer(ctx, accessToken)
	if err != nil {
		return nil, err
	}
	a, err := validateAddress(in)
	if err != nil {
		return nil, err
	}
	var created *ent.MailingAddress
	err = db.WithTx(ctx, s.DB, func(tx *ent.Tx) error {
		c, existing, err := lockedAddresses(ctx, tx, c.ID)
		if err != nil {
			return err
		}
		if len(existing) >= MaxAddresses {
			return apperr.Invalid(path("address"), apperr.CodeInvalid, "You can keep at most 100 addresses; delete one first")
		}
		if findAddress(existing, a) != nil {
			return apperr.Invalid(path("address"), apperr.CodeTaken, "Address already exists")
		}
		created, err = setAddress(tx.MailingAddress.Create().SetCustomerID(c.ID), a).Save(ctx)
		if err != nil {
			return err
		}
		if c.DefaultAddressID == nil {
			return tx.Customer.UpdateOneID(c.ID).SetDefaultAddressID(created.ID).Exec(ctx)
		}
		return nil
	})
	return created, err
}

// addressSetter is the part of ent's create and update builders we use.
type addressSetter[T any] interface {
	SetNillableFirstName(*string) T
	SetNillableLastName(*string) T
	SetNillableCompany(*string) T
	SetNillableAddress1(*string) T
	SetNillableAddress2(*string) T
	SetNillableCity(*string) T
	SetNillableProvince(*string) T
	SetNillableProvinceCode(*string) T
	SetNillableCountry(*string) T
	SetNillableCountryCode(*string) T
	SetNillableZip(*string) T
	SetNillablePhone(*string) T
}

func setAddress[T addressSetter[T]](b T, a ValidAddress) T {
	return b.SetNillableFirstName(nilIfEmpty(a.FirstName)).SetNillableLastName(nilIfEmpty(a.LastName)).
		SetNillableCompany(nilIfEmpty(a.Company)).SetNillableAddress1(nilIfEmpty(a.Address1)).
		SetNillableAddress2(nilIfEmpty(a.Address2)).SetNillableCity(nilIfEmpty(a.City)).
		SetNillableProvince(nilIfEmpty(a.Province)).SetNillableProvinceCode(nilIfEmpty(a.ProvinceCode)).
		SetNillableCountry(nilIfEmpty(a.Country)).SetNillableCountryCode(nilIfEmpty(a.CountryCode)).
		SetNillableZip(nilIfEmpty(a.Zip)).SetNillablePhone(nilIfEmpty(a.Phone))
}

// UpdateAddress replaces one of the customer's addresses.
func (s *Service) UpdateAddress(ctx context.Context, accessToken, id string, in AddressInput) (*ent.MailingAddress, error) {
	c, err := s.RequireCustomer(ctx, accessToken)
	if err != nil {
		return nil, err
	}
	m, err := ownAddress(ctx, s.DB, c.ID, id, "id")
	if err != nil {
		return nil, err
	}
	// The fields given change; the merged address must be valid.
	a, err := validateAddress(in.over(m))
	if err != nil {
		return nil, err
	}
	u := m.Update()
	for _, f := range []struct {
		v          string
		set, clear func()
	}{
		{a.FirstName, func() { u.SetFirstName(a.FirstName) }, func() { u.ClearFirstName() }},
		{a.LastName, func() { u.SetLastName(a.LastName) }, func() { u.ClearLastName() }},
		{a.Company, func() { u.SetCompany(a.Company) }, func() { u.ClearCompany() }},
		{a.Address1, func() { u.SetAddress1(a.Address1) }, func() { u.ClearAddress1() }},
		{a.Address2, func() { u.SetAddress2(a.Address2) }, func() { u.ClearAddress2() }},
		{a.City, func() { u.SetCity(a.City) }, func() { u.ClearCity() }},
		{a.Province, func() { u.SetProvince(a.Province) }, func() { u.ClearProvince() }},
		{a.ProvinceCode, func() { u.SetProvinceCode(a.ProvinceCode) }, func() { u.ClearProvinceCode() }},
		{a.Country, func() { u.SetCountry(a.Country) }, func() { u.ClearCountry() }},
		{a.CountryCode, func() { u.SetCountryCode(a.CountryCode) }, func() { u.ClearCountryCode() }},
		{a.Zip, func() { u.SetZip(a.Zip) }, func() { u.ClearZip() }},
		{a.Phone, func() { u.SetPhone(a.Phone) }, func() { u.ClearPhone() }},
	} {
		if f.v == "" {
			f.clear()
		} else {
			f.set()
		}
	}
	return u.Save(ctx)
}

// DeleteAddress deletes one of the customer's addresses and returns its
// global ID. When it was the default, the newest remaining address becomes
// the default.
func (s *Service) DeleteAddress(ctx context.Context, accessToken, id string) (string, error) {
	c, err := s.RequireCustomer(ctx, accessToken)
	if err != nil {
		return "", err
	}
	err = db.WithTx(ctx, s.DB, func(tx *ent.Tx) error {
		c, err := db.LockCustomer(ctx, tx, c.ID)
		if err != nil {
			return err
		}
		m, err := ownAddress(ctx, tx.Client(), c.ID, id, "id")
		if err != nil {
			return err
		}
		if err := tx.MailingAddress.DeleteOne(m).Exec(ctx); err != nil {
			return err
		}
		if c.DefaultAddressID == nil || *c.DefaultAddressID != m.ID {
			return nil
		}
		next, err := tx.MailingAddress.Query().Where(mailingaddress.CustomerID(c.ID)).
			Order(ent.Desc(mailingaddress.FieldID)).First(ctx)
		switch {
		case ent.IsNotFound(err):
			return tx.Customer.UpdateOneID(c.ID).ClearDefaultAddressID().Exec(ctx)
		case err != nil:
			return err
		}
		return tx.Customer.UpdateOneID(c.ID).SetDefaultAddressID(next.ID).Exec(ctx)
	})
	if err != nil {
		return "", err
	}
	return id, nil
}

// SetDefaultAddress makes one of the customer's addresses the default.
func (s *Service) SetDefaultAddress(ctx context.Context, accessToken, id string) (*ent.Customer, error) {
	c, err := s.RequireCustomer(ctx, accessToken)
	if err != nil {
		return nil, err
	}
	m, err := ownAddress(ctx, s.DB, c.ID, id, "addressId")
	if err != nil {
		return nil, err
	}
	return s.DB.Customer.UpdateOneID(c.ID).SetDefaultAddressID(m.ID).Save(ctx)
}

// Parts returns an address's parts for formatting.
func Parts(m *ent.MailingAddress) address.Parts {
	return address.Parts{
		FirstName: ptr.Deref(m.FirstName), LastName: ptr.Deref(m.LastName), Company: ptr.Deref(m.Company),
		Address1: ptr.Deref(m.Address1), Address2: ptr.Deref(m.Address2), City: ptr.Deref(m.City),
		Province: ptr.Deref(m.Province), ProvinceCode: ptr.Deref(m.ProvinceCode), Country: ptr.Deref(m.Country),
		CountryCode: ptr.Deref(m.CountryCode), Zip: ptr.Deref(m.Zip), Phone: ptr.Deref(m.Phone),
	}
}

// AddressName is an address's full name (MailingAddress.name), or nil.
func AddressName(a *ent.MailingAddress) *string {
	if n := Parts(a).Name(); n != "" {
		return &n
	}
	return nil
}

// AddressArea is an address's city, province and country on one line
// (formattedArea), or nil.
func AddressArea(a *ent.MailingAddress) *string {
	if s := address.FormattedArea(Parts(a)); s != "" {
		return &s
	}
	return nil
}

// AddressLines is an address as lines of text (formatted).
func AddressLines(a *ent.MailingAddress, withName, withCompany *bool) []string {
	return address.Formatted(Parts(a), withName != nil && *withName, withCompany == nil || *withCompany)
}
