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
}

// Render builds a message of the given kind from templates/<kind>.txt and,
// when present, templates/<kind>.html, so that new mails (order
// confirmations, security alerts…) need only new templates. The text
// template does not escape; the HTML one escapes data by context (html/template).
func Render(kind, to, subject string, data any) (Message, error) {
	m := Message{To: to, Subject: subject, Kind: kind}
	t := textTemplates.Lookup(kind + ".txt")
	if t == nil {
		return m, fmt.Errorf("mail: no template %q", "templates/"+kind+".txt")
	}
	var b bytes.Buffer
	if err := t.Execute(&b, data); err != nil {
		return m, fmt.Errorf("mail: %s: %w", kind, err)
	}
	m.Text = b.String()
	if h := htmlTemplates.Lookup(kind + ".html"); h != nil {
		b.Reset()
		if err := h.Execute(&b, data); err != nil {
			return m, fmt.Errorf("mail: %s: %w", kind, err)
		}
		m.HTML = b.String()
	}
	return m, nil
}

// ActivationMessage invites a customer (created by staff) to choose a
// password; Kind "customer_activation".
func ActivationMessage(to string, d AccountMail) (Message, error) {
	return Render("customer_activation", to, "Activate your account", d)
}

// ResetMessage carries a password reset link; Kind "customer_reset".
func ResetMessage(to string, d AccountMail) (Message, error) {
	return Render("customer_reset", to, "Reset your password", d)
}

// WelcomeMessage greets a new customer; Kind "customer_welcome".
func WelcomeMessage(to string, d AccountMail) (Message, error) {
	subject := "Welcome"
	if shop := strings.TrimSpace(d.ShopName); shop != "" {
		subject = "Welcome to " + shop
	}
	return Render("customer_welcome", to, subject, d)
}

// CodeMail is the data of a sign-in code mail.
type CodeMail struct {
	ShopName  string
	Code      string
	ExpiresIn string
}

// CodeMessage carries a one-time sign-in code; Kind "customer_code". The
// code stays out of the subject because subjects are logged.
func CodeMessage(to string, d CodeMail) (Message, error) {
	return Render("customer_code", to, "Your sign-in code", d)
}

// DeleteCodeMessage carries the code that confirms an account's erasure;
// Kind "customer_delete_code".
func DeleteCodeMessage(to string, d CodeMail) (Message, error) {
	return Render("customer_delete_code", to, "Confirm the erasure of your account", d)
}

// VerifyMessage asks the customer to confirm an address.
func VerifyMessage(to string, d AccountMail) (Message, error) {
	return Render("customer_verify", to, "Confirm your email address", d)
}

// EmailChangeMessage tells the old address that a change was asked for.
func EmailChangeMessage(to string, d AccountMail) (Message, error) {
	return Render("customer_email_change", to, "Your email address is being changed", d)
}

// SupportReplyMail is the data of a staff reply notification.
type SupportReplyMail struct {
	ShopName, FirstName, Subject, Body string
}

// SupportReplyMessage tells a customer that staff answered a ticket.
func SupportReplyMessage(to string, d SupportReplyMail) (Message, error) {
	return Render("support_reply", to, "Re: "+d.Subject, d)
}
