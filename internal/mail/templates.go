package mail

import (
	"bytes"
	"embed"
	"fmt"
	htmltemplate "html/template"
	"strings"
	texttemplate "text/template"
)

// The templates are embedded so the binary needs no files at run time, and
// parsed at start so a broken template fails every test, not a customer.
//
//go:embed templates
var templateFS embed.FS

// missingkey=error: with map data a misspelt field would otherwise print
// "<no value>" into a customer's mail.
var (
	textTemplates = texttemplate.Must(texttemplate.New("").Option("missingkey=error").ParseFS(templateFS, "templates/*.txt"))
	htmlTemplates = htmltemplate.Must(htmltemplate.New("").Option("missingkey=error").ParseFS(templateFS, "templates/*.html"))
)

// AccountMail is the data of the account mails.
type AccountMail struct {
	ShopName  string
	FirstName string // may be empty: the mail then greets generically
	URL       string // the activation or reset link (absent for welcome)
	ExpiresIn string // human text, e.g. "24 hours"
	Message   string // the shop's personal note (invitations), plain text
}

// CodeMail is the data of a one-time code mail (sign-in, erasure).
type CodeMail struct {
	ShopName  string
	Code      string
	ExpiresIn string
}

// SupportReplyMail is the data of a staff reply notification.
type SupportReplyMail struct {
	ShopName, FirstName, Subject, Body string
}

// Compose builds a message of the given kind in the customer's language:
// templates/<kind>.<lang>.txt (and .html) when the language has them, else
// templates/<kind>.txt. lang is a Storefront LanguageCode such as "FR" or
// "PT_BR" ("PT_BR" falls back to "pt", then to the default). The subject is
// the template <kind>[.<lang>].subject, defined at the end of the text
// file; subjects are logged, so they never carry secrets. The text template
// does not escape; the HTML one escapes data by context (html/template).
func Compose(kind, lang, to string, data any) (Message, error) {
	m := Message{To: to, Kind: kind}
	name := kind
	for _, l := range languages(lang) {
		if textTemplates.Lookup(kind+"."+l+".txt") != nil {
			name = kind + "." + l
			break
		}
	}
	t := textTemplates.Lookup(name + ".txt")
	if t == nil {
		return m, fmt.Errorf("mail: no template %q", "templates/"+kind+".txt")
	}
	var b bytes.Buffer
	if err := t.Execute(&b, data); err != nil {
		return m, fmt.Errorf("mail: %s: %w", name, err)
	}
	m.Text = b.String()
	b.Reset()
	if err := textTemplates.ExecuteTemplate(&b, name+".subject", data); err != nil {
		return m, fmt.Errorf("mail: %s subject: %w", name, err)
	}
	m.Subject = oneLine(b.String())
	if h := htmlTemplates.Lookup(name + ".html"); h != nil {
		b.Reset()
		if err := h.Execute(&b, data); err != nil {
			return m, fmt.Errorf("mail: %s: %w", name, err)
		}
		m.HTML = b.String()
	}
	return m, nil
}

// languages lists the template suffixes to try for a LanguageCode, most
// specific first: "PT_BR" → "pt_br", "pt".
func languages(lang string) []string {
	l := strings.ToLower(lang)
	if l == "" {
		return nil
	}
	if base, _, ok := strings.Cut(l, "_"); ok {
		return []string{l, base}
	}
	return []string{l}
}
