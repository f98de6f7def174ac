package mail

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"fmt"
	"io"
	stdlog "log"
	"log/slog"
	"math/big"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

const (
	testFrom  = "Shop <no-reply@shop.example>"
	secretURL = "https://shop.example/account/reset/1/secret-token"
)

// bufLogger captures log output the way the server formats it.
func bufLogger() (*slog.Logger, *bytes.Buffer) {
	var b bytes.Buffer
	return slog.New(slog.NewTextHandler(&b, nil)), &b
}

// part is one decoded MIME part.
type part struct{ typ, body string }

// readEML parses an .eml file and returns its headers and decoded parts
// (a single part when the mail is not multipart).
func readEML(t *testing.T, raw []byte) (*mail.Message, []part) {
	t.Helper()
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	mt, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(mt, "multipart/") {
		body, _ := io.ReadAll(msg.Body)
		if strings.EqualFold(msg.Header.Get("Content-Transfer-Encoding"), "quoted-printable") {
			body = qpDecode(t, body)
		}
		return msg, []part{{mt, string(body)}}
	}
	r := multipart.NewReader(msg.Body, params["boundary"])
	var parts []part
	for {
		p, err := r.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(p) // NextPart decodes quoted-printable
		parts = append(parts, part{p.Header.Get("Content-Type"), string(b)})
	}
	return msg, parts
}

func qpDecode(t *testing.T, b []byte) []byte {
	t.Helper()
	out, err := io.ReadAll(quotedprintable.NewReader(bytes.NewReader(b)))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func emlFiles(t *testing.T, dir string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.eml"))
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(files)
	return files
}

func TestFileMailer(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "spool", "mail") // created by Send
	log, logs := bufLogger()
	m := &FileMailer{Dir: dir, From: testFrom, Log: log}
	msg, err := Compose("customer_reset", "", "ada@example.com", AccountMail{ShopName: "Shöp", FirstName: "<script>Ada</script>", URL: secretURL, ExpiresIn: "24 hours"})
	if err != nil {
		t.Fatal(err)
	}
	msg.Subject = "Réinitialiser votre mot de passe — Shöp"
	if err := m.Send(context.Background(), msg); err != nil {
		t.Fatal(err)
	}
	files := emlFiles(t, dir)
	if len(files) != 1 {
		t.Fatalf("files = %v", files)
	}
	if !regexp.MustCompile(`^\d{8}T\d{6}\.\d{9}Z-customer_reset-[0-9a-f]+\.eml$`).MatchString(filepath.Base(files[0])) {
		t.Errorf("file name %s", filepath.Base(files[0]))
	}
	if all, _ := os.ReadDir(dir); len(all) != 1 {
		t.Errorf("temporary files left: %v", all)
	}
	if fi, _ := os.Stat(files[0]); fi.Mode().Perm() != 0o600 {
		t.Errorf("file mode %v", fi.Mode())
	}
	if fi, _ := os.Stat(dir); fi.Mode().Perm() != 0o700 {
		t.Errorf("folder mode %v", fi.Mode())
	}
	raw, _ := os.ReadFile(files[0])
	parsed, parts := readEML(t, raw)
	h := parsed.Header
	subj, err := new(mime.WordDecoder).DecodeHeader(h.Get("Subject"))
	if err != nil || subj != msg.Subject {
		t.Errorf("subject %q (%v), raw %q", subj, err, h.Get("Subject"))
	}
	for _, c := range h.Get("Subject") {
		if c > 127 {
			t.Fatalf("subject not RFC 2047 encoded: %q", h.Get("Subject"))
		}
	}
	if to, err := h.AddressList("To"); err != nil || len(to) != 1 || to[0].Address != "ada@example.com" {
		t.Errorf("To %v (%v)", to, err)
	}
	if from, err := h.AddressList("From"); err != nil || len(from) != 1 || from[0].Address != "no-reply@shop.example" || from[0].Name != "Shop" {
		t.Errorf("From %v (%v)", from, err)
	}
	if d, err := h.Date(); err != nil || time.Since(d) > time.Minute {
		t.Errorf("Date %v (%v)", d, err)
	}
	if id := h.Get("Message-Id"); !regexp.MustCompile(`^<[0-9a-f]+@shop\.example>$`).MatchString(id) {
		t.Errorf("Message-ID %q", id)
	}
	if h.Get("X-Mailer") != "" || h.Get("User-Agent") != "" {
		t.Errorf("mailer advertised: %v", h)
	}
	if mt, _, _ := mime.ParseMediaType(h.Get("Content-Type")); mt != "multipart/alternative" {
		t.Errorf("Content-Type %q", h.Get("Content-Type"))
	}
	if len(parts) != 2 {
		t.Fatalf("parts: %q", parts)
	}
	if !strings.HasPrefix(parts[0].typ, "text/plain") || !strings.Contains(parts[0].typ, "UTF-8") || !strings.Contains(parts[0].body, secretURL) || !strings.Contains(parts[0].body, "Shöp") {
		t.Errorf("text part: %q", parts[0])
	}
	if !strings.HasPrefix(parts[1].typ, "text/html") || !strings.Contains(parts[1].body, "&lt;script&gt;") || strings.Contains(parts[1].body, "<script>") || !strings.Contains(parts[1].body, secretURL) {
		t.Errorf("html part: %q", parts[1])
	}
	// One line naming kind and recipient; nothing of the body.
	out := logs.String()
	if strings.Count(out, "\n") != 1 || !strings.Contains(out, "kind=customer_reset") || !strings.Contains(out, "ada@example.com") {
		t.Errorf("log: %s", out)
	}
	for _, secret := range []string{"secret-token", "shop.example/account", "Someone asked"} {
		if strings.Contains(out, secret) {
			t.Errorf("log holds %q: %s", secret, out)
		}
	}
}

func TestFileMailerTextOnly(t *testing.T) {
	dir := t.TempDir()
	m := &FileMailer{Dir: dir, From: testFrom} // nil Log must not panic
	long := strings.Repeat("ünïcode line that is long enough to be wrapped by quoted-printable ", 3)
	if err := m.Send(context.Background(), Message{To: "Bob <bob@example.com>", Subject: "Plain", Text: long, Kind: "test"}); err != nil {
		t.Fatal(err)
	}
	files := emlFiles(t, dir)
	if len(files) != 1 {
		t.Fatalf("files = %v", files)
	}
	raw, _ := os.ReadFile(files[0])
	parsed, parts := readEML(t, raw)
	if len(parts) != 1 || !strings.HasPrefix(parts[0].typ, "text/plain") || strings.TrimSpace(parts[0].body) != strings.TrimSpace(long) {
		t.Fatalf("parts %q, header %v", parts, parsed.Header)
	}
}

func TestFileNamesSortByTime(t *testing.T) {
	dir := t.TempDir()
	m := &FileMailer{Dir: dir, From: testFrom, Log: slog.New(slog.DiscardHandler)}
	var want []string
	for i := range 5 {
		s := fmt.Sprintf("mail %d", i)
		want = append(want, s)
		if err := m.Send(context.Background(), Message{To: "a@example.com", Subject: s, Text: "x", Kind: "../../evil/kind"}); err != nil {
			t.Fatal(err)
		}
	}
	files := emlFiles(t, dir)
	var got []string
	for _, f := range files {
		if strings.Contains(filepath.Base(f), "..") || filepath.Dir(f) != dir {
			t.Errorf("kind escaped into the path: %s", f)
		}
		raw, _ := os.ReadFile(f)
		msg, _ := readEML(t, raw)
		got = append(got, msg.Header.Get("Subject"))
	}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("order %v, want %v", got, want)
	}
}

func TestFileMailerRejects(t *testing.T) {
	dir := t.TempDir()
	m := &FileMailer{Dir: dir, From: testFrom, Log: slog.New(slog.DiscardHandler)}
	bad := []Message{
		{To: "a@example.com, b@example.com", Subject: "x", Text: "x"}, // one recipient only
		{To: "a@example.com\r\nBcc: c@example.com", Subject: "x", Text: "x"},
		{To: "", Subject: "x", Text: "x"},
	}
	for _, msg := range bad {
		if err := m.Send(context.Background(), msg); err == nil {
			t.Errorf("sent to %q", msg.To)
		}
	}
	if err := (&FileMailer{Dir: dir, From: "not an address"}).Send(context.Background(), Message{To: "a@example.com"}); err == nil {
		t.Error("bad From accepted")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := m.Send(ctx, Message{To: "a@example.com", Text: "x"}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: %v", err)
	}
	// A subject with line breaks stays one header line.
	if err := m.Send(context.Background(), Message{To: "a@example.com", Subject: "Hi\r\nBcc: evil@example.com", Text: "x"}); err != nil {
		t.Fatal(err)
	}
	files := emlFiles(t, dir)
	if len(files) != 1 {
		t.Fatalf("files %v", files)
	}
	raw, _ := os.ReadFile(files[0])
	msg, _ := readEML(t, raw)
	if msg.Header.Get("Bcc") != "" || msg.Header.Get("Subject") != "Hi Bcc: evil@example.com" {
		t.Errorf("header injection: %v", msg.Header)
	}
}

func TestTemplates(t *testing.T) {
	d := AccountMail{ShopName: "Tom & Jerry's", FirstName: `<script>alert(1)</script>`, URL: "https://shop.example/account/activate/7/abc?x=1&y=2", ExpiresIn: "24 hours"}
	cases := []struct {
		kind     string
		subject  string
		hasLink  bool
		expiring bool
	}{
		{"customer_activation", "Activate your account", true, true},
		{"customer_reset", "Reset your password", true, true},
		{"customer_welcome", "Welcome to Tom & Jerry's", false, false},
	}
	for _, c := range cases {
		t.Run(c.kind, func(t *testing.T) {
			m, err := Compose(c.kind, "", "ada@example.com", d)
			if err != nil {
				t.Fatal(err)
			}
			if m.Kind != c.kind || m.Subject != c.subject || m.To != "ada@example.com" {
				t.Errorf("message %+v", m)
			}
			if m.HTML == "" || m.Text == "" {
				t.Fatal("missing a part")
			}
			if strings.Contains(m.HTML, "<script>") || !strings.Contains(m.HTML, "&lt;script&gt;") {
				t.Errorf("HTML not escaped: %s", m.HTML)
			}
			if !strings.Contains(m.HTML, "Tom &amp; Jerry&#39;s") {
				t.Errorf("shop name not escaped: %s", m.HTML)
			}
			if strings.Contains(m.HTML, "<img") || strings.Contains(m.HTML, "<link") || strings.Contains(m.HTML, "http://") {
				t.Errorf("external resources: %s", m.HTML)
			}
			if !strings.Contains(m.Text, "Hi <script>alert(1)</script>,") {
				t.Errorf("text greeting: %s", m.Text)
			}
			if got := strings.Contains(m.Text, d.URL); got != c.hasLink {
				t.Errorf("link in text = %v: %s", got, m.Text)
			}
			if got := strings.Contains(m.HTML, `href="https://shop.example/account/activate/7/abc?x=1&amp;y=2"`); got != c.hasLink {
				t.Errorf("link in HTML = %v: %s", got, m.HTML)
			}
			if got := strings.Contains(m.Text, "24 hours"); got != c.expiring {
				t.Errorf("expiry in text = %v: %s", got, m.Text)
			}
			// Without a first name the greeting is generic.
			anon, err := Compose(c.kind, "", "ada@example.com", AccountMail{ShopName: "Shop", URL: "https://x.example/a", ExpiresIn: "1 hour"})
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(anon.Text, "Hello,") || strings.Contains(anon.Text, "Hi ,") || !strings.Contains(anon.HTML, "<p>Hello,</p>") {
				t.Errorf("generic greeting: %s\n%s", anon.Text, anon.HTML)
			}
		})
	}
}

func TestTemplatesRejectScriptURLs(t *testing.T) {
	m, err := Compose("customer_activation", "", "a@example.com", AccountMail{ShopName: "S", URL: "javascript:alert(1)"})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(m.HTML, `href="javascript:`) || !strings.Contains(m.HTML, `href="#ZgotmplZ"`) {
		t.Errorf("script URL kept: %s", m.HTML)
	}
}

func TestWelcomeWithoutShopName(t *testing.T) {
	m, err := Compose("customer_welcome", "", "a@example.com", AccountMail{})
	if err != nil || m.Subject != "Welcome" {
		t.Errorf("%q %v", m.Subject, err)
	}
}

func TestCompose(t *testing.T) {
	if _, err := Compose("no_such_kind", "", "a@example.com", nil); err == nil {
		t.Error("unknown kind rendered")
	}
	// Other templates share the renderer; make sure each still renders and
	// carries no secret in its subject (subjects are logged).
	code, err := Compose("customer_code", "", "a@example.com", CodeMail{ShopName: "S", Code: "123456", ExpiresIn: "10 minutes"})
	if err != nil || !strings.Contains(code.Text, "123456") || strings.Contains(code.Subject, "123456") {
		t.Errorf("code mail %+v %v", code, err)
	}
	for _, kind := range []string{"customer_verify", "customer_email_change"} {
		if _, err := Compose(kind, "", "a@example.com", AccountMail{ShopName: "S", URL: "https://x.example/v"}); err != nil {
			t.Error(err)
		}
	}
	r, err := Compose("support_reply", "", "a@example.com", SupportReplyMail{ShopName: "S", Subject: "Late\nparcel", Body: "<b>hi</b>"})
	if err != nil || !strings.Contains(r.Text, "<b>hi</b>") || r.Subject != "Re: Late parcel" {
		t.Errorf("support reply %+v %v", r, err)
	}
	// A map is fine as data; a misspelt key fails instead of printing "<no value>".
	if _, err := Compose("customer_welcome", "", "a@example.com", map[string]string{"ShopName": "S"}); err == nil {
		t.Error("missing key rendered")
	}
}

func TestNew(t *testing.T) {
	m, err := New("", t.TempDir(), testFrom, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := m.(*FileMailer); !ok {
		t.Errorf("got %T", m)
	}
	m, err = New("smtps://user:pw@mail.example?from=Other+%3Cother@example.com%3E&insecure=1", "", testFrom, nil)
	if err != nil {
		t.Fatal(err)
	}
	if s, ok := m.(*SMTPMailer); !ok || s.from != "Other <other@example.com>" {
		t.Errorf("got %#v", m)
	}
	bad := []struct{ url, dir, from string }{
		{"", "", testFrom},
		{"", t.TempDir(), "not an address"},
		{"http://user:hunter2@mail.example", "", testFrom},
		{"smtp://user:hunter2@:25", "", testFrom},
		{"smtp://user:hunter2@mail.example:99999", "", testFrom},
		{"smtp://user:hunter2@mail.example:x", "", testFrom},
		{"smtp://user:hunter2@mail.example?from=nobody", "", testFrom},
		{"smtp://user:hunter2@mail.example", "", ""},
	}
	for _, b := range bad {
		_, err := New(b.url, b.dir, b.from, nil)
		if err == nil {
			t.Errorf("New(%q, %q, %q) accepted", b.url, b.dir, b.from)
		} else if strings.Contains(err.Error(), "hunter2") {
			t.Errorf("error shows the password: %v", err)
		}
	}
}

// backend is an in-process SMTP server that records what it receives.
type backend struct {
	mu     sync.Mutex
	refuse bool
	froms  []string
	rcpts  []string
	msgs   []string
	auths  []string
}

func (b *backend) NewSession(*smtp.Conn) (smtp.Session, error) { return &session{b: b}, nil }

func (b *backend) setRefuse(v bool) {
	b.mu.Lock()
	b.refuse = v
	b.mu.Unlock()
}

func (b *backend) snapshot() (froms, rcpts, msgs, auths []string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.froms...), append([]string(nil), b.rcpts...), append([]string(nil), b.msgs...), append([]string(nil), b.auths...)
}

type session struct{ b *backend }

func (s *session) AuthMechanisms() []string { return []string{sasl.Plain} }
func (s *session) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		s.b.mu.Lock()
		s.b.auths = append(s.b.auths, user+":"+pass)
		s.b.mu.Unlock()
		return nil
	}), nil
}
func (s *session) Mail(from string, _ *smtp.MailOptions) error {
	s.b.mu.Lock()
	s.b.froms = append(s.b.froms, from)
	s.b.mu.Unlock()
	return nil
}
func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.b.mu.Lock()
	defer s.b.mu.Unlock()
	if s.b.refuse {
		return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such user"}
	}
	s.b.rcpts = append(s.b.rcpts, to)
	return nil
}
func (s *session) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.b.mu.Lock()
	s.b.msgs = append(s.b.msgs, string(b))
	s.b.mu.Unlock()
	return nil
}
func (s *session) Reset()        {}
func (s *session) Logout() error { return nil }

// startSMTP serves be on 127.0.0.1:0, with STARTTLS offered when tlsCfg is
// set, or implicit TLS when implicit is also true.
func startSMTP(t *testing.T, be *backend, tlsCfg *tls.Config, implicit bool) (*smtp.Server, string) {
	t.Helper()
	srv := smtp.NewServer(be)
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = true
	srv.ReadTimeout = 10 * time.Second
	srv.WriteTimeout = 10 * time.Second
	srv.TLSConfig = tlsCfg
	srv.ErrorLog = stdlog.New(io.Discard, "", 0) // the refused-certificate case is expected
	var l net.Listener
	var err error
	if implicit {
		l, err = tls.Listen("tcp", "127.0.0.1:0", tlsCfg)
	} else {
		l, err = net.Listen("tcp", "127.0.0.1:0")
	}
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(l) //nolint:errcheck // ends with Close
	t.Cleanup(func() { srv.Close() })
	return srv, l.Addr().String()
}

// selfSigned returns a server TLS config with a throwaway certificate.
func selfSigned(t *testing.T) *tls.Config {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "localhost"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
		IPAddresses:  []net.IP{net.ParseIP("127.0.0.1")},
		DNSNames:     []string{"localhost"},
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}, MinVersion: tls.VersionTLS12}
}

func testCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func TestSMTPMailer(t *testing.T) {
	be := &backend{}
	srv, addr := startSMTP(t, be, nil, false)
	log, logs := bufLogger()
	m, err := New("smtp://"+addr, "", testFrom, log)
	if err != nil {
		t.Fatal(err)
	}
	ctx := testCtx(t)
	msg, err := Compose("customer_activation", "", "bob@example.com", AccountMail{ShopName: "Shop", FirstName: "Bob", URL: secretURL, ExpiresIn: "7 days"})
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Send(ctx, msg); err != nil {
		t.Fatal(err)
	}
	froms, rcpts, msgs, _ := be.snapshot()
	if len(msgs) != 1 || len(rcpts) != 1 || rcpts[0] != "bob@example.com" || froms[0] != "no-reply@shop.example" {
		t.Fatalf("delivered %q from %v to %v", msgs, froms, rcpts)
	}
	_, parts := readEML(t, []byte(msgs[0]))
	if len(parts) != 2 || !strings.Contains(parts[0].body, "Hi Bob") || !strings.Contains(parts[0].body, secretURL) {
		t.Errorf("parts %q", parts)
	}
	out := logs.String()
	if !strings.Contains(out, "bob@example.com") || !strings.Contains(out, "customer_activation") || strings.Contains(out, "secret-token") || strings.Contains(out, "Hi Bob") {
		t.Errorf("log: %s", out)
	}

	be.setRefuse(true)
	logs.Reset()
	if err := m.Send(ctx, msg); err == nil || !strings.Contains(err.Error(), "no such user") {
		t.Errorf("refused recipient: %v", err)
	}
	if logs.Len() != 0 {
		t.Errorf("a failed mail logged as sent: %s", logs.String())
	}
	be.setRefuse(false)

	srv.Close()
	if err := m.Send(ctx, msg); err == nil {
		t.Fatal("sent with the server down")
	}
}

func TestSMTPMailerConcurrent(t *testing.T) {
	be := &backend{}
	_, addr := startSMTP(t, be, nil, false)
	m, err := NewSMTP("smtp://"+addr, testFrom, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	ctx := testCtx(t)
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for i := range 8 {
		wg.Go(func() {
			errs <- m.Send(ctx, Message{To: fmt.Sprintf("c%d@example.com", i), Subject: "s", Text: "t", Kind: "test"})
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	if _, rcpts, _, _ := be.snapshot(); len(rcpts) != 8 {
		t.Errorf("recipients %v", rcpts)
	}
}

func TestSMTPMailerTLS(t *testing.T) {
	cfg := selfSigned(t)
	send := func(url string) (*backend, error) {
		be := &backend{}
		_, addr := startSMTP(t, be, cfg, strings.HasPrefix(url, "smtps"))
		m, err := NewSMTP(strings.Replace(url, "ADDR", addr, 1), testFrom, slog.New(slog.DiscardHandler))
		if err != nil {
			t.Fatal(err)
		}
		return be, m.Send(testCtx(t), Message{To: "tls@example.com", Subject: "s", Text: "over TLS", Kind: "test"})
	}
	for _, url := range []string{
		"smtp://mailer:p%40ss@ADDR?insecure=1",  // STARTTLS, then AUTH PLAIN
		"smtps://mailer:p%40ss@ADDR?insecure=1", // implicit TLS
	} {
		be, err := send(url)
		if err != nil {
			t.Errorf("%s: %v", url, err)
			continue
		}
		_, rcpts, msgs, auths := be.snapshot()
		if len(rcpts) != 1 || len(msgs) != 1 || len(auths) != 1 || auths[0] != "mailer:p@ss" {
			t.Errorf("%s: rcpts %v auths %v", url, rcpts, auths)
		}
	}
	// Without insecure=1 the self-signed certificate is refused.
	if _, err := send("smtps://ADDR"); err == nil {
		t.Error("untrusted certificate accepted")
	}
}

// TestEveryTemplate renders every kind, in every language it has, with
// data that has every field a template may use: a template that names a
// missing field or breaks at run time fails here, not in a customer's
// outbox. Each has a one-line subject without secrets.
func TestEveryTemplate(t *testing.T) {
	data := map[string]any{
		"ShopName": "Shop", "FirstName": "Ada", "URL": "https://shop.example/x", "ExpiresIn": "1 hour", "Code": "123456",
		"Subject": "Late parcel", "Body": "Hello", "OrderName": "#1001", "Total": "10.00 EUR",
		"Lines":   []map[string]any{{"Title": "Shirt", "Quantity": "2"}},
		"Company": "DHL", "Tracking": []map[string]any{{"Number": "T1", "URL": "https://track.example"}},
		"Status": "delivered", "Place": "Berlin", "Message": "Left at the door", "What": "name",
		"Event": "Your password was changed.", "Device": "Firefox on Linux", "Network": "10.0.0.0/24", "Country": "DE",
		"Time": "1 Jan 2026 10:00 UTC", "Kind": "PRICE_DROP", "Title": "Shirt", "OldPrice": "20.00 EUR", "NewPrice": "15.00 EUR",
		"Points": "10", "Description": "Order #1001", "Tier": "", "Balance": "110", "Period": "daily",
		"Items":      []map[string]any{{"Subject": "A", "Text": "B"}},
		"ReturnName": "#1001-R1", "Instructions": "Send it to our store.", "Reason": "the return period has ended", "Note": "Sorry", "Amount": "10.00 EUR",
	}
	entries, err := templateFS.ReadDir("templates")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		name, ok := strings.CutSuffix(e.Name(), ".txt")
		if !ok {
			continue
		}
		kind, lang, _ := strings.Cut(name, ".")
		m, err := Compose(kind, lang, "a@example.com", data)
		if err != nil {
			t.Errorf("%s: %v", e.Name(), err)
			continue
		}
		if m.Subject == "" || strings.Contains(m.Subject, "123456") || strings.Contains(m.Subject, "https://") || m.Text == "" {
			t.Errorf("%s: subject %q, text %q", e.Name(), m.Subject, m.Text)
		}
		n++
	}
	if n < 15 {
		t.Errorf("only %d templates", n)
	}
	fr, _ := Compose("order_confirmation", "FR", "a@example.com", data)
	en, _ := Compose("order_confirmation", "DE", "a@example.com", data) // no German: English
	if fr.Subject != "Commande #1001 confirmée" || en.Subject != "Order #1001 confirmed" || !strings.Contains(fr.HTML, "Merci") {
		t.Errorf("languages: %q %q", fr.Subject, en.Subject)
	}
}
