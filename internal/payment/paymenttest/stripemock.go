// Package paymenttest starts stripe-mock (Stripe's own mock of its API,
// a tool of this module) for tests of the Stripe provider.
package paymenttest

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

var (
	buildOnce sync.Once
	binary    string
	buildErr  error
)

// StripeMock starts stripe-mock on a free port for the test and returns
// its URL; it is stopped when the test ends. The binary is built once per
// test process from the version pinned in go.mod (`go build` of the module's
// tool), so nothing needs installing by hand. Without it the test is
// skipped, except in CI, where it fails.
func StripeMock(t testing.TB) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "stripe-mock")
		if err != nil {
			buildErr = err
			return
		}
		binary = filepath.Join(dir, "stripe-mock")
		out, err := exec.Command("go", "build", "-o", binary, "github.com/stripe/stripe-mock").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build stripe-mock: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		if os.Getenv("CI") != "" {
			t.Fatal(buildErr)
		}
		t.Skipf("stripe-mock unavailable: %v", buildErr)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	cmd := exec.Command(binary, "-http-addr", addr)
	var logs strings.Builder
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	for deadline := time.Now().Add(30 * time.Second); ; {
		if c, err := net.DialTimeout("tcp", addr, 200*time.Millisecond); err == nil {
			c.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("stripe-mock did not start on %s:\n%s", addr, logs.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	return "http://" + addr
}
