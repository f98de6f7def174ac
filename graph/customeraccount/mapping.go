package customeraccount

import (
	"accountgraph/graph"
	"context"
	"errors"
	"html"
	"net/url"
	"slices"
	"strings"

	"github.com/99designs/gqlgen/graphql"

	"accountgraph/ent"
	"accountgraph/graph/customeraccount/model"
	sfmodel "accountgraph/graph/model"
	"accountgraph/internal/apperr"
	"accountgraph/internal/customer"
	"accountgraph/internal/gid"
	"accountgraph/internal/loaders"
	"accountgraph/internal/page"
)

// signedIn is the access token the handler checked and its customer.
type signedIn struct {
	token    string
	customer *ent.Customer
}

type signedInKey struct{}

// WithCustomer gives a request the access token the handler checked and
// the customer it belongs to.
func WithCustomer(ctx context.Context, token string, c *ent.Customer) context.Context {
	return context.WithValue(graph.WithCaller(ctx, token), signedInKey{}, signedIn{token, c})
}

// token is the request's access token, for the services' mutations.
func token(ctx context.Context) string { s, _ := ctx.Value(signedInKey{}).(signedIn); return s.token }

// viewer is the signed-in customer, as the handler found them (it refused
// requests without one): a query does not look the token up again.
func (r *Resolver) viewer(ctx context.Context) (*ent.Customer, error) {
	if s, ok := ctx.Value(signedInKey{}).(signedIn); ok && s.customer != nil {
		return s.customer, nil
	}
	return r.Customers.RequireCustomer(ctx, token(ctx))
}

func (r *Resolver) loaders(ctx context.Context) *loaders.Loaders { return loaders.For(ctx, r.DB) }

var pageArgs = page.FromArgs

func pageInfo[T any](p page.Page[T]) *sfmodel.PageInfo { return sfmodel.NewPageInfo(p) }

func edges[T, E any](p page.Page[T], edge func(cursor string, node T) E) []E {
	out := make([]E, len(p.Items))
	for i, it := range p.Items {
		out[i] = edge(p.Cursor(i), it)
	}
	return out
}

// The Customer Account API names an address CustomerAddress where the
// Storefront API says MailingAddress: the same object, either ID.
func addressID(a *ent.MailingAddress) string { return gid.Encode("CustomerAddress", a.ID) }

func storefrontAddressID(id string) string {
	typ, n, _, err := gid.Parse(id)
	if err != nil || (typ != "CustomerAddress" && typ != "MailingAddress") {
		return id
	}
	return gid.Encode("MailingAddress", n)
}

// addressFields are the Customer Account API's names of the Storefront
// API's address fields, for error paths.
var addressFields = map[string]string{"country": "territoryCode", "province": "zoneCode", "phone": "phoneNumber", "id": "addressId"}

var addressCodes = map[string]model.UserErrorsCustomerAddressUserErrorsCode{
	apperr.CodeBlank:            model.UserErrorsCustomerAddressUserErrorsCodeRequired,
	apperr.CodeTooLong:          model.UserErrorsCustomerAddressUserErrorsCodeTooLong,
	apperr.CodeContainsHTMLTags: model.UserErrorsCustomerAddressUserErrorsCodeContainsHTMLTags,
	apperr.CodeNotFound:         model.UserErrorsCustomerAddressUserErrorsCodeAddressIDDoesNotExist,
	apperr.CodeTaken:            model.UserErrorsCustomerAddressUserErrorsCodeCustomerAddressAlreadyExists,
}

// userErrors maps a service error's input problems to a payload's error
// list, in this API's words: each code through codes (INVALID when it has
// none), each field named by fields where this API names it otherwise;
// other errors stay errors.
func userErrors[C interface {
	~string
	IsValid() bool
}, E any](err error, codes map[string]C, invalid C, fields map[string]string, mk func(code *C, field []string, message string) E) ([]E, error) {
	out := []E{}
	var fe apperr.FieldErrors
	if !errors.As(err, &fe) {
		return out, err
	}
	for _, e := range fe {
		code, ok := codes[e.Code]
		if !ok {
			if code = C(e.Code); !code.IsValid() {
				code = invalid
			}
		}
		field := slices.Clone(e.Field)
		for i, f := range field {
			if n, ok := fields[f]; ok {
				field[i] = n
			}
		}
		out = append(out, mk(&code, field, e.Message))
	}
	return out, nil
}

// addressErrors maps an address service error to userErrors.
func addressErrors(err error) ([]*model.UserErrorsCustomerAddressUserErrors, error) {
	return userErrors(err, addressCodes, model.UserErrorsCustomerAddressUserErrorsCodeInvalid, addressFields,
		func(c *model.UserErrorsCustomerAddressUserErrorsCode, field []string, message string) *model.UserErrorsCustomerAddressUserErrors {
			return &model.UserErrorsCustomerAddressUserErrors{Code: c, Field: field, Message: message}
		})
}

// customerErrors maps a profile service error to userErrors (the Storefront
// API's customerUpdate takes `customer`, ours `input`).
func customerErrors(err error) ([]*model.UserErrorsCustomerUserErrors, error) {
	return userErrors(err, nil, model.UserErrorsCustomerUserErrorsCodeInvalid, map[string]string{"customer": "input"},
		func(c *model.UserErrorsCustomerUserErrorsCode, field []string, message string) *model.UserErrorsCustomerUserErrors {
			return &model.UserErrorsCustomerUserErrors{Code: c, Field: field, Message: message}
		})
}

// addressInput maps CustomerAddressInput to the Storefront API's address
// fields (territoryCode is the country, zoneCode the province). Fields left
// out are kept by an update.
func addressInput(in *model.CustomerAddressInput) customer.AddressInput {
	if in == nil {
		return customer.AddressInput{Given: map[string]bool{}}
	}
	out := customer.AddressInput{Address1: in.Address1, Address2: in.Address2, City: in.City, Company: in.Company,
		Country: in.TerritoryCode, FirstName: in.FirstName, LastName: in.LastName, Phone: in.PhoneNumber,
		Province: in.ZoneCode, Zip: in.Zip, Given: map[string]bool{}}
	for name, v := range map[string]*string{"address1": in.Address1, "address2": in.Address2, "city": in.City, "company": in.Company,
		"country": in.TerritoryCode, "firstName": in.FirstName, "lastName": in.LastName, "phone": in.PhoneNumber,
		"province": in.ZoneCode, "zip": in.Zip} {
		if v != nil {
			out.Given[name] = true
		}
	}
	return out
}

// fieldRequested tells whether the current field's selection has name.
func fieldRequested(ctx context.Context, name string) bool {
	for _, f := range graphql.CollectFieldsCtx(ctx, nil) {
		if f.Name == name {
			return true
		}
	}
	return false
}

// avatar is a picture of the customer's initials (the API asks for an
// image URL; no avatar is stored), as an SVG data URL.
func avatar(c *ent.Customer) string {
	initials := ""
	for _, n := range []*string{c.FirstName, c.LastName} {
		if n != nil && *n != "" {
			initials += strings.ToUpper(string([]rune(*n)[:1]))
		}
	}
	if initials == "" {
		initials = strings.ToUpper(string([]rune(c.Email)[:1]))
	}
	svg := `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect width="64" height="64" fill="#5c6ac4"/>` +
		`<text x="32" y="41" font-family="sans-serif" font-size="26" fill="#fff" text-anchor="middle">` + html.EscapeString(initials) + `</text></svg>`
	return "data:image/svg+xml," + url.PathEscape(svg)
}
