// Package paymenttest starts stripe-mock (Stripe's official mock of its
// API) for tests of the Stripe provider, in this package and in black-box
// tests elsewhere (../../tests).
//
// stripe-mock is a tool of this module (the `tool` block of go.mod pins
// github.com/stripe/stripe-mock), so `go test ./...` needs nothing but Go:
// the first test that asks builds it with `go tool -n stripe-mock`, which
// compiles it into Go's build cache (reused by later runs and by test
// processes running at the same time) and prints its path.
package paymenttest

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
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

// stripeMockBinary is the path of the module's stripe-mock, built once per
// test process. `go test` puts its own toolchain first on PATH and runs the
// test in its package's directory, so this is the go.mod's version built by
// the same Go.
func stripeMockBinary() (string, error) {
	buildOnce.Do(func() {
		var stderr strings.Builder
		cmd := exec.Command("go", "tool", "-n", "stripe-mock")
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			buildErr = fmt.Errorf("go tool -n stripe-mock: %v\n%s", err, stderr.String())
			return
		}
		binary = strings.TrimSpace(string(out))
		if _, err := os.Stat(binary); err != nil {
			buildErr = fmt.Errorf("go tool -n stripe-mock: %v", err)
		}
	})
	return binary, buildErr
}

// startTimeout is how long stripe-mock may take to load its OpenAPI spec
// and listen (about a second on a laptop; CI machines can be slow).
const startTimeout = 60 * time.Second

// StripeMock starts a stripe-mock of its own for the test on a free port of
// 127.0.0.1 and returns its base URL (for payment.WithAPIURL); it is
// stopped when the test and its subtests end. When stripe-mock cannot be
// built (no network for the module proxy, say) the test is skipped, except
// when the environment variable CI is set: there it fails.
//
// stripe-mock answers with fixtures and keeps no state: a created object
// cannot be read back, and any ID is found.
func StripeMock(t testing.TB) string {
	t.Helper()
	bin, err := stripeMockBinary()
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("stripe-mock could not be built (CI is set, so this fails rather than skips): %v", err)
		}
		t.Skipf("stripe-mock could not be built, skipping (set CI to make this a failure): %v", err)
	}
	// Both listeners get a port the system chooses, and stripe-mock prints
	// it: no port is picked here and then raced for. HTTPS is given an
	// address too because stripe-mock otherwise also listens for HTTPS on
	// the fixed :12112 (or $PORT) of every interface, which a second
	// stripe-mock (a parallel test, or another package's test process)
	// then fails to take.
	cmd := exec.Command(bin, "-http-addr", "127.0.0.1:0", "-https-addr", "127.0.0.1:0")
	out := &output{addr: make(chan string, 1)}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatalf("start stripe-mock: %v", err)
	}
	exited := make(chan struct{})
	go func() {
		_ = cmd.Wait()
		close(exited)
	}()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		<-exited
	})
	select {
	case a := <-out.addr:
		return "http://" + a
	case <-exited:
		t.Fatalf("stripe-mock exited without listening:\n%s", out)
	case <-time.After(startTimeout):
		t.Fatalf("stripe-mock did not listen within %v:\n%s", startTimeout, out)
	}
	return ""
}

// output keeps stripe-mock's output for failure messages and sends the
// address of its HTTP listener once it prints it.
type output struct {
	mu   sync.Mutex
	all  []byte
	seen int // bytes of all already searched for complete lines
	addr chan string
}

const listening = "Listening for HTTP at address: "

func (o *output) Write(p []byte) (int, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.all = append(o.all, p...)
	for {
		i := bytes.IndexByte(o.all[o.seen:], '\n')
		if i < 0 {
			return len(p), nil
		}
		line := string(o.all[o.seen : o.seen+i])
		o.seen += i + 1
		if a, ok := strings.CutPrefix(line, listening); ok {
			select {
			case o.addr <- strings.TrimSpace(a):
			default:
			}
		}
	}
}

func (o *output) String() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return string(o.all)
}
