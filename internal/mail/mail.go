// Package mail sends the shop's emails through one interface: written as
// .eml files into a folder by default, or sent over SMTP when configured.
// Logs name the kind and recipient of a mail, never its body, which holds
// secret links.
package mail

import (
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// Message is one outgoing email.
type Message struct {
	To      string
	Subject string
	Text    string // plain-text body
	HTML    string // HTML body, optional
	Kind    string // e.g. "customer_reset", for logs and metrics
}

// Mailer sends messages.
type Mailer interface {
	Send(ctx context.Context, m Message) error
}

// New returns an SMTP mailer when smtpURL is set, else a FileMailer.
func New(smtpURL, dir, from string, log *slog.Logger) (Mailer, error) {
	if smtpURL == "" {
		return &FileMailer{Dir: dir, From: from, Log: log}, nil
	}
	return NewSMTP(smtpURL, from, log)
}

func build(from string, m Message) (*gomail.Msg, error) {
	msg := gomail.NewMsg()
	if err := msg.From(from); err != nil {
		return nil, fmt.Errorf("from address: %w", err)
	}
	if err := msg.To(m.To); err != nil {
		return nil, fmt.Errorf("recipient: %w", err)
	}
	msg.Subject(m.Subject)
	msg.SetDate()
	msg.SetMessageID()
	msg.SetBodyString(gomail.TypeTextPlain, m.Text)
	if m.HTML != "" {
		msg.AddAlternativeString(gomail.TypeTextHTML, m.HTML)
	}
	return msg, nil
}

// FileMailer writes each message as an .eml file into Dir.
type FileMailer struct {
	Dir  string
	From string
	Log  *slog.Logger
}

// Send writes m atomically to a new file whose name sorts by time.
func (f *FileMailer) Send(ctx context.Context, m Message) error {
	msg, err := build(f.From, m)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(f.Dir, 0o700); err != nil {
		return fmt.Errorf("mail folder: %w", err)
	}
	rnd := make([]byte, 4)
	_, _ = rand.Read(rnd)
	name := fmt.Sprintf("%s-%s-%s.eml", time.Now().UTC().Format("20060102T150405.000000000Z"), m.Kind, hex.EncodeToString(rnd))
	tmp, err := os.CreateTemp(f.Dir, ".tmp-*.eml")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // no-op after the rename
	if _, err := msg.WriteTo(tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("write mail: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), filepath.Join(f.Dir, name)); err != nil {
		return err
	}
	f.Log.InfoContext(ctx, "mail written", "kind", m.Kind, "to", m.To, "subject", m.Subject, "file", name)
	return nil
}

// SMTPMailer sends over SMTP.
type SMTPMailer struct {
	client *gomail.Client
	from   string
	log    *slog.Logger
}

// NewSMTP parses smtp://user:pass@host:port (STARTTLS when offered) or
// smtps://… (TLS from the start). Query parameters: from= overrides the
// From address; insecure=1 skips certificate checks (local test servers).
func NewSMTP(raw, from string, log *slog.Logger) (*SMTPMailer, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "smtp" && u.Scheme != "smtps") || u.Hostname() == "" {
		return nil, fmt.Errorf("SMTP_URL must look like smtp://user:pass@host:587")
	}
	opts := []gomail.Option{gomail.WithTimeout(15 * time.Second)}
	port := 587
	if u.Scheme == "smtps" {
		port = 465
		opts = append(opts, gomail.WithSSL())
	} else {
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSOpportunistic))
	}
	if p := u.Port(); p != "" {
		if port, err = strconv.Atoi(p); err != nil {
			return nil, fmt.Errorf("SMTP_URL port: %w", err)
		}
	}
	opts = append(opts, gomail.WithPort(port))
	if u.User != nil {
		pass, _ := u.User.Password()
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover),
			gomail.WithUsername(u.User.Username()), gomail.WithPassword(pass))
	}
	q := u.Query()
	if q.Get("insecure") == "1" {
		opts = append(opts, gomail.WithTLSConfig(&tls.Config{InsecureSkipVerify: true})) //nolint:gosec // opt-in for local servers
	}
	if f := q.Get("from"); f != "" {
		from = f
	}
	c, err := gomail.NewClient(u.Hostname(), opts...)
	if err != nil {
		return nil, fmt.Errorf("SMTP client: %w", err)
	}
	return &SMTPMailer{client: c, from: from, log: log}, nil
}

// Send delivers m.
func (s *SMTPMailer) Send(ctx context.Context, m Message) error {
	msg, err := build(s.from, m)
	if err != nil {
		return err
	}
	if err := s.client.DialAndSendWithContext(ctx, msg); err != nil {
		return fmt.Errorf("smtp: %w", err)
	}
	s.log.InfoContext(ctx, "mail sent", "kind", m.Kind, "to", m.To, "subject", m.Subject)
	return nil
}
