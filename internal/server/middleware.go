package server

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"log/slog"
	"net"
	"net/http"
	"regexp"
	"strings"
	"time"

	"accountgraph/internal/auth"
)

var validRequestID = regexp.MustCompile(`^[A-Za-z0-9._-]{8,64}$`)

func newRequestID() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// requestInfo is filled in while a request runs, for its log line.
type requestInfo struct{ operation string }

type requestInfoKey struct{}

// withViewer adds the client address and the admin key from Authorization
// to the request's viewer.
func (s *Server) withViewer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		v := auth.ViewerFrom(ctx)
		id := v.RequestID
		v.IP, v.UserAgent, v.CaptchaToken = s.clientIP(r), r.UserAgent(), r.Header.Get("X-Captcha-Token")
		if s.cfg.CountryHeader != "" {
			if c := strings.ToUpper(strings.TrimSpace(r.Header.Get(s.cfg.CountryHeader))); countryRE.MatchString(c) && c != "XX" {
				v.Country = c
			}
		}
		if h := r.Header.Get("Authorization"); h != "" {
			v.AdminKeyPresented = true
			if secret, ok := strings.CutPrefix(h, "Bearer "); ok {
				key, err := s.adminKeys.Authenticate(ctx, strings.TrimSpace(secret))
				if err != nil {
					s.log.ErrorContext(ctx, "admin key lookup failed", "request_id", id, "err", err)
					writeError(w, http.StatusServiceUnavailable, "INTERNAL_SERVER_ERROR", "Service unavailable; request id "+id)
					return
				}
				v.AdminKey = key
			}
		}
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// countryRE is an ISO 3166 alpha-2 code; proxies send "XX" or "T1" for
// unknown places and Tor, which are not countries to compare.
var countryRE = regexp.MustCompile(`^[A-Z]{2}$`)

func (s *Server) clientIP(r *http.Request) string {
	if s.cfg.TrustProxyHeaders {
		if xff := r.Header.Get("X-Forwarded-For"); xff != "" {
			first, _, _ := strings.Cut(xff, ",")
			if ip := net.ParseIP(strings.TrimSpace(first)); ip != nil {
				return ip.String()
			}
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// statusWriter remembers the status code for the access log.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// accessLog gives every request an ID (a sane X-Request-Id from a proxy is
// kept) and writes one line per request: no bodies, no headers, no
// secrets. Probes and metric scrapes log at debug level.
func (s *Server) accessLog(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		id := r.Header.Get("X-Request-Id")
		if !validRequestID.MatchString(id) {
			id = newRequestID()
		}
		w.Header().Set("X-Request-Id", id)
		sw := &statusWriter{ResponseWriter: w}
		info := &requestInfo{}
		ctx := context.WithValue(auth.WithViewer(r.Context(), &auth.Viewer{RequestID: id}), requestInfoKey{}, info)
		defer func() {
			if v := recover(); v != nil {
				s.log.ErrorContext(ctx, "panic in HTTP handler", "request_id", auth.ViewerFrom(ctx).RequestID, "panic", v)
				if sw.status == 0 {
					writeError(sw, http.StatusInternalServerError, "INTERNAL_SERVER_ERROR", "Internal error; request id "+auth.ViewerFrom(ctx).RequestID)
				}
			}
			level := slog.LevelInfo
			switch {
			case sw.status >= 500:
				level = slog.LevelError
			case r.URL.Path == "/healthz" || r.URL.Path == "/readyz" || r.URL.Path == "/metrics":
				level = slog.LevelDebug
			}
			s.log.Log(ctx, level, "request", "request_id", auth.ViewerFrom(ctx).RequestID,
				"method", r.Method, "path", logPath(r.URL.Path), "status", sw.status, "operation", info.operation,
				"duration_ms", float64(time.Since(start).Microseconds())/1000)
		}()
		next.ServeHTTP(sw, r.WithContext(ctx))
	})
}

// limitBody refuses bodies over the limit before reading them, and caps
// what is read of bodies without a length.
func (s *Server) limitBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > s.cfg.BodyLimit {
			writeTooLarge(w)
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, s.cfg.BodyLimit)
		next.ServeHTTP(w, r)
	})
}

// writeTooLarge refuses a body over BODY_LIMIT_BYTES: announced by its
// length (limitBody) or found while reading it (the POST transport).
func writeTooLarge(w http.ResponseWriter) {
	writeError(w, http.StatusRequestEntityTooLarge, "PAYLOAD_TOO_LARGE", "The request body is larger than the limit (BODY_LIMIT_BYTES)")
}

// writeError answers with a GraphQL-shaped error body.
func writeError(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{
		"errors": []map[string]any{{"message": msg, "extensions": map[string]string{"code": code}}},
	})
}

// secretPath matches the paths that carry a token from an email or a share
// link; the log keeps their route and drops the token.
var secretPath = regexp.MustCompile(`^(/account/(?:reset|activate)/[^/]+/|/account/verify/|/wishlists/shared/)[^/]+`)

func logPath(p string) string {
	return secretPath.ReplaceAllString(p, "${1}[redacted]")
}
