package oidc

import (
	"context"
	"crypto/subtle"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"

	"accountgraph/ent"
	"accountgraph/ent/oauthclient"
	"accountgraph/internal/apperr"
	"accountgraph/internal/auth"
	"accountgraph/internal/config"
)

// MaxClientURIs bounds each list of a client's addresses.
const MaxClientURIs = 20

// ClientInput registers a client through the Admin API.
type ClientInput struct {
	Name                                         string
	Confidential                                 bool
	RedirectURIs, PostLogoutURIs, AllowedOrigins []string
}

// client finds a registered client: from the settings, else the database.
func (p *Provider) client(ctx context.Context, id string) (*Client, error) {
	for i := range p.Clients {
		if p.Clients[i].ID == id {
			return &p.Clients[i], nil
		}
	}
	if id == "" {
		return nil, nil
	}
	row, err := p.DB.OAuthClient.Query().Where(oauthclient.ClientID(id)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return fromRow(row), nil
}

func fromRow(row *ent.OAuthClient) *Client {
	var hash []byte
	if row.SecretHash != nil {
		hash = *row.SecretHash
	}
	return &Client{ID: row.ClientID, Name: row.Name, Confidential: row.Confidential, secretHash: hash,
		RedirectURIs: row.RedirectUris, PostLogoutURIs: row.PostLogoutUris, AllowedOrigins: row.AllowedOrigins}
}

// authenticate checks a client at the token endpoint: a confidential one
// must give its secret (HTTP Basic or client_secret), a public one has
// none to give. c is nil for an unknown client.
func (c *Client) authenticate(secret string) error {
	if c == nil {
		return &grantError{401, "invalid_client", "unknown client"}
	}
	if c.Confidential && (secret == "" || subtle.ConstantTimeCompare(auth.HashToken(secret), c.secretHash) != 1) {
		return &grantError{401, "invalid_client", "client authentication failed"}
	}
	return nil
}

// ListClients lists the registered clients, the settings' first.
func (p *Provider) ListClients(ctx context.Context) ([]Client, error) {
	rows, err := p.DB.OAuthClient.Query().Order(ent.Asc(oauthclient.FieldID)).All(ctx)
	if err != nil {
		return nil, err
	}
	out := slices.Clone(p.Clients)
	for i := range out {
		out[i].FromSettings = true
	}
	for _, row := range rows {
		out = append(out, *fromRow(row))
	}
	return out, nil
}

// CreateClient registers a client; a confidential one's secret is returned
// once.
func (p *Provider) CreateClient(ctx context.Context, in ClientInput) (*Client, string, error) {
	var errs apperr.FieldErrors
	name := strings.TrimSpace(in.Name)
	switch {
	case name == "":
		errs.Add(apperr.Path("input", "name"), apperr.CodeBlank, "Name can't be blank")
	case utf8.RuneCountInString(name) > 255:
		errs.Add(apperr.Path("input", "name"), apperr.CodeTooLong, "Name is too long")
	}
	if len(in.RedirectURIs) == 0 {
		errs.Add(apperr.Path("input", "redirectUris"), apperr.CodeBlank, "Give at least one redirect URI")
	}
	for field, list := range map[string][]string{"redirectUris": in.RedirectURIs, "postLogoutRedirectUris": in.PostLogoutURIs} {
		if len(list) > MaxClientURIs {
			errs.Add(apperr.Path("input", field), apperr.CodeTooMany, "At most 20 addresses")
			continue
		}
		for i, u := range list {
			if err := config.CheckRedirectURI(u); err != nil {
				errs.Add(apperr.Path("input", field, i), apperr.CodeInvalid, err.Error())
			}
		}
	}
	if len(in.AllowedOrigins) > MaxClientURIs {
		errs.Add(apperr.Path("input", "allowedOrigins"), apperr.CodeTooMany, "At most 20 origins")
	}
	for i, o := range in.AllowedOrigins {
		if u, err := url.Parse(o); err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") || u.Path != "" || u.RawQuery != "" {
			errs.Add(apperr.Path("input", "allowedOrigins", i), apperr.CodeInvalid, "An origin is a scheme and host, such as https://shop.example")
		}
	}
	if err := errs.Err(); err != nil {
		return nil, "", err
	}
	id, _ := auth.NewToken()
	create := p.DB.OAuthClient.Create().SetClientID("cac_" + id[:32]).SetName(name).SetConfidential(in.Confidential).
		SetRedirectUris(in.RedirectURIs).SetPostLogoutUris(orEmpty(in.PostLogoutURIs)).SetAllowedOrigins(orEmpty(in.AllowedOrigins))
	var secret string
	if in.Confidential {
		var hash []byte
		secret, hash = auth.NewToken()
		create.SetSecretHash(hash)
	}
	row, err := create.Save(ctx)
	if err != nil {
		return nil, "", err
	}
	return fromRow(row), secret, nil
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// DeleteClient removes a client registered through the Admin API; what it
// issued stops refreshing (its refresh tokens name a client that is gone).
func (p *Provider) DeleteClient(ctx context.Context, id string) error {
	n, err := p.DB.OAuthClient.Delete().Where(oauthclient.ClientID(id)).Exec(ctx)
	if err != nil {
		return err
	}
	if n == 0 {
		return apperr.Invalid(apperr.Path("clientId"), apperr.CodeNotFound, "No client registered through the Admin API has this ID")
	}
	return nil
}
