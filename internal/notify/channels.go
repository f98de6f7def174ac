package notify

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// Outgoing is a text message or a push notification.
type Outgoing struct {
	ID      string `json:"id"` // the same when a message is sent again
	Channel string `json:"channel"`
	Kind    string `json:"kind"`
	To      string `json:"to"` // a phone number, or a customer ID for push
	Title   string `json:"title"`
	Body    string `json:"body"`
}

// Sender delivers text messages or push notifications. A gateway (an SMS
// provider, a push service) implements it; FileSink is the default.
type Sender interface {
	Send(ctx context.Context, m Outgoing) error
}

// FileSink appends each message as a JSON line to Path (mode 0o600), and
// logs its kind and ID (never the recipient or body). It stands in for a
// gateway in development and tests.
type FileSink struct {
	Path string
	Log  *slog.Logger
	mu   sync.Mutex
}

// Send appends m.
func (f *FileSink) Send(ctx context.Context, m Outgoing) error {
	line, err := json.Marshal(struct {
		Outgoing
		At time.Time `json:"at"`
	}{m, time.Now().UTC()})
	if err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := os.MkdirAll(filepath.Dir(f.Path), 0o700); err != nil {
		return fmt.Errorf("notify: %w", err)
	}
	file, err := os.OpenFile(f.Path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return fmt.Errorf("notify: %w", err)
	}
	// One write per line: appends from several processes do not interleave.
	if _, err := file.Write(append(line, '\n')); err != nil {
		file.Close()
		return fmt.Errorf("notify: %w", err)
	}
	if err := file.Close(); err != nil {
		return fmt.Errorf("notify: %w", err)
	}
	if f.Log != nil {
		f.Log.InfoContext(ctx, "message written", "channel", m.Channel, "kind", m.Kind, "id", m.ID)
	}
	return nil
}
