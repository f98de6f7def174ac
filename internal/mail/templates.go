package mail

import (
	"bytes"
	"embed"
	htmltemplate "html/template"
	"strings"
	texttemplate "text/template"
)

//go:embed templates
var templateFS embed.FS

var (
	textTemplates = texttemplate.Must(texttemplate.ParseFS(templateFS, "templates/*.txt"))
	htmlTemplates = htmltemplate.Must(htmltemplate.ParseFS(templateFS, "templates/*.html"))
)

// AccountMail is the data of the account mails.
type AccountMail struct {
	ShopName  string
	FirstName string
	URL       string // the activation or reset link
	ExpiresIn string // e.g. "24 hours"
}

// Render builds a message from templates/<kind>.txt and, when present,
// templates/<kind>.html. HTML templates escape the data.
func Render(kind, to, subject string, data any) (Message, error) {
	m := Message{To: to, Subject: subject, Kind: kind}
	var b bytes.Buffer
	if err := textTemplates.ExecuteTemplate(&b, kind+".txt", data); err != nil {
		return m, err
	}
	m.Text = b.String()
	if t := htmlTemplates.Lookup(kind + ".html"); t != nil {
		b.Reset()
		if err := t.Execute(&b, data); err != nil {
			return m, err
		}
		m.HTML = b.String()
	}
	return m, nil
}

// ActivationMessage invites a customer to set a password.
func ActivationMessage(to string, d AccountMail) (Message, error) {
	return Render("customer_activation", to, "Activate your account", d)
}

// ResetMessage carries a password reset link.
func ResetMessage(to string, d AccountMail) (Message, error) {
	return Render("customer_reset", to, "Reset your password", d)
}

// WelcomeMessage greets a new customer.
func WelcomeMessage(to string, d AccountMail) (Message, error) {
	return Render("customer_welcome", to, "Welcome to "+strings.TrimSpace(d.ShopName), d)
}

// CodeMail is the data of a sign-in code mail.
type CodeMail struct {
	ShopName  string
	Code      string
	ExpiresIn string
}

// CodeMessage carries a one-time sign-in code.
func CodeMessage(to string, d CodeMail) (Message, error) {
	return Render("customer_code", to, "Your sign-in code: "+d.Code, d)
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
