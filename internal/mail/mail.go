// Package mail sends the shop's emails through one interface: written as
// .eml files into a folder by default (development, tests, or a spool that
// another process delivers), or sent over SMTP when configured.
//
// Logs name the kind, recipient and subject of a mail, never its body,
// which holds secret links; for the same reason subjects must never carry
// secrets (codes, tokens).
package mail

import (
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	netmail "net/mail"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// Message is one outgoing email.
type Message struct {
	To      string // single recipient address
	Subject string
	Text    string // plain-text body
	HTML    string // HTML body, optional
	Kind    string // e.g. "customer_reset", for logs and metrics
	// ID, when set, makes the Message-ID <ID@domain of From>: a message
	// sent again after a crash keeps its ID, so mail systems can tell it
	// is the same. Empty means random.
	ID string
	// Unsubscribe, when set, is a one-click unsubscribe URL (RFC 8058):
	// mail clients show an unsubscribe button that posts to it.
	Unsubscribe string
}

// Mailer sends messages. Implementations are safe for concurrent use.
type Mailer interface {
	Send(ctx context.Context, m Message) error
}

// New picks the mailer from configuration: an SMTPMailer when smtpURL is
// set (see NewSMTP for its form), else a FileMailer writing into dir. from
// is the From address, e.g. "Shop <no-reply@example.com>". Both are checked
// here so that a misconfiguration stops the server at start rather than
// losing the first customer's mail. A nil logger means slog.Default().
func New(smtpURL, dir, from string, logger *slog.Logger) (Mailer, error) {
	if smtpURL != "" {
		return NewSMTP(smtpURL, from, logger)
	}
	if dir == "" {
		return nil, errors.New("mail: neither an SMTP URL nor a mail folder is set")
	}
	if _, err := parseFrom(from); err != nil {
		return nil, err
	}
	return &FileMailer{Dir: dir, From: from, Log: logger}, nil
}

// parseFrom checks a From address; its domain names the Message-IDs.
func parseFrom(from string) (*netmail.Address, error) {
	a, err := netmail.ParseAddress(from)
	if err != nil {
		return nil, fmt.Errorf("mail: From address %q: %w", from, err)
	}
	return a, nil
}

// orDefault lets callers pass a nil logger without a nil-pointer panic in
// the middle of sending a mail.
func orDefault(l *slog.Logger) *slog.Logger {
	if l == nil {
		return slog.Default()
	}
	return l
}

// oneLine collapses line breaks and runs of spaces: subjects are often
// built from user input (a support ticket's subject) and must stay one
// header line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// build turns m into a MIME message: text/plain alone, or
// multipart/alternative with the HTML part when there is one. go-mail
// writes UTF-8 quoted-printable bodies and RFC 2047 encoded subjects.
func build(from string, m Message) (*gomail.Msg, error) {
	fa, err := parseFrom(from)
	if err != nil {
		return nil, err
	}
	// No User-Agent/X-Mailer: they would advertise the library and version.
	msg := gomail.NewMsg(gomail.WithNoDefaultUserAgent())
	if err := msg.From(from); err != nil {
		return nil, fmt.Errorf("mail: From address: %w", err)
	}
	// To parses exactly one address, which also rejects lists and header
	// injection through the recipient.
	if err := msg.To(m.To); err != nil {
		return nil, fmt.Errorf("mail: recipient: %w", err)
	}
	msg.Subject(oneLine(m.Subject))
	msg.SetDate()
	msg.SetMessageIDWithValue(messageID(m.ID, fa.Address))
	if m.Unsubscribe != "" {
		msg.SetGenHeader(gomail.Header("List-Unsubscribe"), "<"+m.Unsubscribe+">")
		msg.SetGenHeader(gomail.Header("List-Unsubscribe-Post"), "List-Unsubscribe=One-Click")
	}
	// RFC 3834: tells vacation responders not to answer a robot.
	msg.SetGenHeader(gomail.Header("Auto-Submitted"), "auto-generated")
	msg.SetBodyString(gomail.TypeTextPlain, m.Text)
	if m.HTML != "" {
		msg.AddAlternativeString(gomail.TypeTextHTML, m.HTML)
	}
	return msg, nil
}

// messageID is id (random when empty)@<domain of From>: unlike the host
// name (what go-mail uses, often "localhost" in a container) the sender's
// domain makes the ID globally unique as RFC 5322 asks, and spam filters
// expect it.
func messageID(id, fromAddr string) string {
	domain := "localhost"
	if i := strings.LastIndexByte(fromAddr, '@'); i >= 0 && i+1 < len(fromAddr) {
		domain = fromAddr[i+1:]
	}
	if id == "" {
		id = randomHex(16)
	}
	return id + "@" + domain
}

// randomHex returns n random bytes in hex. crypto/rand.Read never fails
// (it crashes the program instead), so the error needs no handling.
func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// FileMailer writes each message as an RFC 5322 .eml file into Dir,
// creating Dir (mode 0o700: the mails hold secret links) when needed.
// File names sort by time and are unique:
// 20261125T101500.123456789Z-<kind>-<random>.eml. A zero From or nil Log
// is not checked until Send; New checks From.
type FileMailer struct {
	Dir  string
	From string
	Log  *slog.Logger
}

// fileTime is fixed width so that names sort by time as strings.
const fileTime = "20060102T150405.000000000Z"

// Send writes m atomically (temporary file, then rename, mode 0o600) so a
// reader of Dir never sees half a mail.
func (f *FileMailer) Send(ctx context.Context, m Message) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	msg, err := build(f.From, m)
	if err != nil {
		return err
	}
	if f.Dir == "" {
		return errors.New("mail: FileMailer has no folder")
	}
	if err := os.MkdirAll(f.Dir, 0o700); err != nil {
		return fmt.Errorf("mail: folder: %w", err)
	}
	name := fmt.Sprintf("%s-%s-%s.eml", time.Now().UTC().Format(fileTime), fileKind(m.Kind), randomHex(6))
	// CreateTemp opens with mode 0o600; the dot keeps the file out of
	// "*.eml" globs until it is complete.
	tmp, err := os.CreateTemp(f.Dir, ".tmp-*")
	if err != nil {
		return fmt.Errorf("mail: %w", err)
	}
	defer os.Remove(tmp.Name()) // fails harmlessly after the rename
	if _, err := msg.WriteTo(tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("mail: write: %w", err)
	}
	// Sync so that a crash after the rename cannot leave an empty mail.
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("mail: write: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("mail: write: %w", err)
	}
	if err := os.Rename(tmp.Name(), filepath.Join(f.Dir, name)); err != nil {
		return fmt.Errorf("mail: %w", err)
	}
	orDefault(f.Log).InfoContext(ctx, "mail written", "kind", m.Kind, "to", m.To, "subject", oneLine(m.Subject))
	return nil
}

// fileKind keeps the kind safe inside a file name: Kind is meant for
// metrics, not paths, and must not be able to add "/" or "..".
func fileKind(kind string) string {
	var b strings.Builder
	for _, r := range kind {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '_', r == '-':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
		if b.Len() >= 64 {
			break
		}
	}
	if b.Len() == 0 {
		return "mail"
	}
	return b.String()
}

// SMTPMailer sends with github.com/wneessen/go-mail, one connection per
// mail: account mails are rare, and a fresh connection needs no keep-alive
// or reconnect logic. It is safe for concurrent use.
type SMTPMailer struct {
	client *gomail.Client
	from   string
	log    *slog.Logger
}

// smtpTimeout bounds the connection and each SMTP command when the
// caller's context has no deadline, so a stuck server cannot hold a
// request forever.
const smtpTimeout = 15 * time.Second

// NewSMTP parses smtp://user:pass@host:port (STARTTLS when the server
// offers it, else plain; default port 587) or smtps://user:pass@host:port
// (TLS from the start; default port 465). Query parameters: from=
// overrides the From address; insecure=1 skips certificate checks (local
// test servers only). Errors never echo the URL, which holds a password.
func NewSMTP(raw, from string, logger *slog.Logger) (*SMTPMailer, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "smtp" && u.Scheme != "smtps") || u.Hostname() == "" {
		return nil, errors.New("mail: the SMTP URL must look like smtp://user:pass@host:587 or smtps://user:pass@host:465")
	}
	q := u.Query()
	if f := q.Get("from"); f != "" {
		from = f
	}
	if _, err := parseFrom(from); err != nil {
		return nil, err
	}
	opts := []gomail.Option{gomail.WithTimeout(smtpTimeout)}
	port := 587
	if u.Scheme == "smtps" {
		port = 465
		opts = append(opts, gomail.WithSSL())
	} else {
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSOpportunistic))
	}
	if p := u.Port(); p != "" {
		if port, err = strconv.Atoi(p); err != nil || port < 1 || port > 65535 {
			return nil, errors.New("mail: the SMTP URL has a bad port")
		}
	}
	opts = append(opts, gomail.WithPort(port))
	if u.User != nil && u.User.Username() != "" {
		pass, _ := u.User.Password()
		// Auto-discovery picks the strongest mechanism the server offers;
		// go-mail refuses plain-text mechanisms without TLS.
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover),
			gomail.WithUsername(u.User.Username()), gomail.WithPassword(pass))
	}
	if insecure, _ := strconv.ParseBool(q.Get("insecure")); insecure {
		opts = append(opts, gomail.WithTLSConfig(&tls.Config{ServerName: u.Hostname(), InsecureSkipVerify: true})) //nolint:gosec // opt-in for local servers
	}
	c, err := gomail.NewClient(u.Hostname(), opts...)
	if err != nil {
		return nil, fmt.Errorf("mail: SMTP client: %w", err)
	}
	return &SMTPMailer{client: c, from: from, log: logger}, nil
}

// Send delivers m, or returns an error when the server is unreachable or
// refuses the sender, recipient or data.
func (s *SMTPMailer) Send(ctx context.Context, m Message) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	msg, err := build(s.from, m)
	if err != nil {
		return err
	}
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, 2*smtpTimeout)
		defer cancel()
	}
	if err := s.client.DialAndSendWithContext(ctx, msg); err != nil {
		return fmt.Errorf("mail: smtp: %w", err)
	}
	orDefault(s.log).InfoContext(ctx, "mail sent", "kind", m.Kind, "to", m.To, "subject", oneLine(m.Subject))
	return nil
}
