package tests

import (
	"io"
	stdlog "log"
	"net"
	"net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
)

// smtpServer is a real SMTP server (github.com/emersion/go-smtp) on
// 127.0.0.1 that keeps what it receives, and can be told to fail.
type smtpServer struct {
	Addr string
	mu   sync.Mutex
	fail int // how many more deliveries to refuse with a temporary error
	got  []*mail.Message
}

func startSMTPServer(t *testing.T) *smtpServer {
	t.Helper()
	s := &smtpServer{}
	srv := smtp.NewServer(s)
	srv.Domain = "localhost"
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	srv.ErrorLog = stdlog.New(io.Discard, "", 0)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(l) //nolint:errcheck // ends with Close
	t.Cleanup(func() { srv.Close() })
	s.Addr = l.Addr().String()
	return s
}

// FailNext makes the next n deliveries fail with 451 (try again later).
func (s *smtpServer) FailNext(n int) {
	s.mu.Lock()
	s.fail = n
	s.mu.Unlock()
}

// To returns the messages received for an address, oldest first.
func (s *smtpServer) To(addr string) []*mail.Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []*mail.Message
	for _, m := range s.got {
		if strings.Contains(m.Header.Get("To"), addr) {
			out = append(out, m)
		}
	}
	return out
}

func (s *smtpServer) NewSession(*smtp.Conn) (smtp.Session, error) { return &smtpSession{s: s}, nil }

type smtpSession struct{ s *smtpServer }

func (x *smtpSession) Mail(string, *smtp.MailOptions) error { return nil }
func (x *smtpSession) Rcpt(string, *smtp.RcptOptions) error { return nil }
func (x *smtpSession) Reset()                               {}
func (x *smtpSession) Logout() error                        { return nil }

func (x *smtpSession) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	x.s.mu.Lock()
	defer x.s.mu.Unlock()
	if x.s.fail > 0 {
		x.s.fail--
		return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "try again later"}
	}
	m, err := mail.ReadMessage(strings.NewReader(string(b)))
	if err != nil {
		return err
	}
	x.s.got = append(x.s.got, m)
	return nil
}
