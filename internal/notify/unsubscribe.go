package notify

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"

	"accountgraph/ent"
	"accountgraph/ent/notification"
	"accountgraph/internal/db"
)

// Links makes and checks one-click unsubscribe links: signed with a key
// kept in the database (the same on every replica), valid without signing
// in and without expiry, as mail clients expect (RFC 8058).
type Links struct {
	DB      *ent.Client
	BaseURL string // where /unsubscribe is served, e.g. https://shop.example
	mu      sync.Mutex
	key     []byte
}

func (l *Links) signingKey(ctx context.Context) ([]byte, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.key == nil {
		k, err := db.ServerSecret(ctx, l.DB, "unsubscribe")
		if err != nil {
			return nil, err
		}
		l.key = k
	}
	return l.key, nil
}

var b64 = base64.RawURLEncoding

// Token signs "customer.topic.channel".
func (l *Links) Token(ctx context.Context, customerID int, t notification.Topic, ch notification.Channel) (string, error) {
	key, err := l.signingKey(ctx)
	if err != nil {
		return "", err
	}
	payload := fmt.Sprintf("%d.%s.%s", customerID, t, ch)
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(payload))
	return b64.EncodeToString([]byte(payload)) + "." + b64.EncodeToString(mac.Sum(nil)), nil
}

// URL is the unsubscribe link of a topic on a channel for a customer.
func (l *Links) URL(ctx context.Context, customerID int, t notification.Topic, ch notification.Channel) (string, error) {
	tok, err := l.Token(ctx, customerID, t, ch)
	if err != nil {
		return "", err
	}
	return strings.TrimRight(l.BaseURL, "/") + "/unsubscribe?t=" + url.QueryEscape(tok), nil
}

// Unsubscription is what a valid link turns off.
type Unsubscription struct {
	CustomerID int
	Topic      notification.Topic
	Channel    notification.Channel
}

// Check verifies a token (constant-time) and returns what it turns off.
func (l *Links) Check(ctx context.Context, token string) (Unsubscription, bool, error) {
	var u Unsubscription
	p64, sig64, ok := strings.Cut(token, ".")
	if !ok {
		return u, false, nil
	}
	payload, err1 := b64.DecodeString(p64)
	sig, err2 := b64.DecodeString(sig64)
	if err1 != nil || err2 != nil {
		return u, false, nil
	}
	key, err := l.signingKey(ctx)
	if err != nil {
		return u, false, err
	}
	mac := hmac.New(sha256.New, key)
	mac.Write(payload)
	if !hmac.Equal(sig, mac.Sum(nil)) {
		return u, false, nil
	}
	parts := strings.Split(string(payload), ".")
	if len(parts) != 3 {
		return u, false, nil
	}
	id, err := strconv.Atoi(parts[0])
	t, ch := notification.Topic(parts[1]), notification.Channel(parts[2])
	if err != nil || !slices.Contains(Topics, t) || !slices.Contains(Channels, ch) || Locked(t, ch) {
		return u, false, nil
	}
	return Unsubscription{CustomerID: id, Topic: t, Channel: ch}, true, nil
}

// Handler serves /unsubscribe: GET shows a page with one button (link
// scanners that follow links must not unsubscribe anyone), POST turns the
// topic off: the button's form, or the mail client's one-click request
// (body List-Unsubscribe=One-Click). apply makes the change.
func (l *Links) Handler(apply func(context.Context, Unsubscription) error, log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, 4<<10)
		token := r.URL.Query().Get("t")
		if r.Method == http.MethodPost {
			if err := r.ParseForm(); err == nil && r.PostForm.Get("t") != "" {
				token = r.PostForm.Get("t")
			}
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Set("Referrer-Policy", "no-referrer")
		u, ok, err := l.Check(r.Context(), token)
		if err != nil {
			log.ErrorContext(r.Context(), "unsubscribe link check failed", "err", err)
			w.WriteHeader(http.StatusInternalServerError)
			_ = unsubscribePage.Execute(w, pageData{Message: "Something went wrong. Please try again later."})
			return
		}
		if !ok {
			w.WriteHeader(http.StatusBadRequest)
			_ = unsubscribePage.Execute(w, pageData{Message: "This unsubscribe link is not valid. Change your preferences in your account instead."})
			return
		}
		what := topicNames[u.Topic] + " by " + channelNames[u.Channel]
		switch r.Method {
		case http.MethodGet, http.MethodHead:
			_ = unsubscribePage.Execute(w, pageData{Message: "Stop receiving " + what + "?", Token: token})
		case http.MethodPost:
			if err := apply(r.Context(), u); err != nil {
				log.ErrorContext(r.Context(), "unsubscribe failed", "err", err)
				w.WriteHeader(http.StatusInternalServerError)
				_ = unsubscribePage.Execute(w, pageData{Message: "Something went wrong. Please try again later."})
				return
			}
			_ = unsubscribePage.Execute(w, pageData{Message: "You will no longer receive " + what + "."})
		default:
			w.Header().Set("Allow", "GET, POST")
			w.WriteHeader(http.StatusMethodNotAllowed)
		}
	})
}

var topicNames = map[notification.Topic]string{
	notification.TopicORDER_CONFIRMATION: "order confirmations", notification.TopicSHIPPING_UPDATES: "shipping updates",
	notification.TopicDELIVERY_UPDATES: "delivery updates", notification.TopicPROMOTIONS: "promotions",
	notification.TopicACCOUNT_CHANGES: "account change notices", notification.TopicSECURITY_ALERTS: "security alerts",
	notification.TopicWISHLIST_ALERTS: "wishlist alerts", notification.TopicLOYALTY: "loyalty updates",
	notification.TopicRETURNS: "return updates",
}

var channelNames = map[notification.Channel]string{
	notification.ChannelEMAIL: "email", notification.ChannelSMS: "text message", notification.ChannelPUSH: "push notification",
}

type pageData struct{ Message, Token string }

var unsubscribePage = template.Must(template.New("unsubscribe").Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Unsubscribe</title></head>
<body style="font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#1a1a1a">
<h1 style="font-size:1.4rem">Email preferences</h1>
<p>{{.Message}}</p>
{{if .Token}}<form method="post" action="unsubscribe"><input type="hidden" name="t" value="{{.Token}}">
<button type="submit" style="padding:.6rem 1.2rem;font-size:1rem">Unsubscribe</button></form>{{end}}
</body></html>
`))
