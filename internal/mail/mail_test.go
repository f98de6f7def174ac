package mail

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"mime"
	"mime/multipart"
	"net"
	"net/mail"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
)

func TestFileMailer(t *testing.T) {
	dir := t.TempDir()
	var logs bytes.Buffer
	m := &FileMailer{Dir: dir, From: "Shop <no-reply@shop.example>", Log: slog.New(slog.NewTextHandler(&logs, nil))}
	msg, err := ResetMessage("ada@example.com", AccountMail{ShopName: "Shöp", FirstName: "<script>Ada</script>", URL: "https://shop.example/account/reset/1/secret-token", ExpiresIn: "24 hours"})
	if err != nil {
		t.Fatal(err)
	}
	msg.Subject = "Réinitialiser"
	if err := m.Send(context.Background(), msg); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.eml"))
	if len(files) != 1 {
		t.Fatalf("files = %v", files)
	}
	f, _ := os.Open(files[0])
	defer f.Close()
	parsed, err := mail.ReadMessage(f)
	if err != nil {
		t.Fatal(err)
	}
	subj, _ := new(mime.WordDecoder).DecodeHeader(parsed.Header.Get("Subject"))
	if subj != "Réinitialiser" || !strings.Contains(parsed.Header.Get("To"), "ada@example.com") || parsed.Header.Get("Message-Id") == "" {
		t.Fatalf("headers: %v", parsed.Header)
	}
	_, params, _ := mime.ParseMediaType(parsed.Header.Get("Content-Type"))
	r := multipart.NewReader(parsed.Body, params["boundary"])
	var parts []string
	for {
		p, err := r.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(p) // multipart decodes quoted-printable
		parts = append(parts, p.Header.Get("Content-Type")+"\n"+string(b))
	}
	if len(parts) != 2 || !strings.Contains(parts[0], "secret-token") || !strings.Contains(parts[1], "&lt;script&gt;") {
		t.Fatalf("parts: %q", parts)
	}
	if strings.Contains(logs.String(), "secret-token") || !strings.Contains(logs.String(), "customer_reset") {
		t.Fatalf("log: %s", logs.String())
	}
}

type backend struct {
	mu     sync.Mutex
	msgs   []string
	refuse bool
	rcpts  []string
}

func (b *backend) NewSession(*smtp.Conn) (smtp.Session, error) { return &session{b: b}, nil }

type session struct{ b *backend }

func (s *session) Mail(string, *smtp.MailOptions) error { return nil }
func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	if s.b.refuse {
		return &smtp.SMTPError{Code: 550, Message: "no such user"}
	}
	s.b.mu.Lock()
	s.b.rcpts = append(s.b.rcpts, to)
	s.b.mu.Unlock()
	return nil
}
func (s *session) Data(r io.Reader) error {
	b, _ := io.ReadAll(r)
	s.b.mu.Lock()
	s.b.msgs = append(s.b.msgs, string(b))
	s.b.mu.Unlock()
	return nil
}
func (s *session) Reset()        {}
func (s *session) Logout() error { return nil }

func TestSMTPMailer(t *testing.T) {
	be := &backend{}
	srv := smtp.NewServer(be)
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = true
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(l) //nolint:errcheck
	defer srv.Close()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	m, err := NewSMTP("smtp://"+l.Addr().String(), "Shop <no-reply@shop.example>", log)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	msg, _ := WelcomeMessage("bob@example.com", AccountMail{ShopName: "Shop", FirstName: "Bob"})
	if err := m.Send(ctx, msg); err != nil {
		t.Fatal(err)
	}
	if len(be.msgs) != 1 || be.rcpts[0] != "bob@example.com" || !strings.Contains(be.msgs[0], "Hi Bob") {
		t.Fatalf("delivered %q to %v", be.msgs, be.rcpts)
	}
	be.refuse = true
	if err := m.Send(ctx, msg); err == nil {
		t.Fatal("refused recipient accepted")
	}
	srv.Close()
	if err := m.Send(ctx, msg); err == nil {
		t.Fatal("sent with the server down")
	}
}
