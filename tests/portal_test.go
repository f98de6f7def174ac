package tests

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"accountgraph/internal/config"
)

// TestPortalServes checks what the binary serves at /account/ without a
// browser: the app's page for every route (the links in emails among them),
// its files with their types, and headers that keep the page to its own code.
func TestPortalServes(t *testing.T) {
	parallel(t)
	api := start(t, "sqlite", "sqlite:"+filepath.Join(t.TempDir(), "portal.db"), nil)
	get := func(path string, header ...string) *http.Response {
		t.Helper()
		req, _ := http.NewRequest(http.MethodGet, api.URL+path, nil)
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { res.Body.Close() })
		return res
	}
	for _, path := range []string{"/account/", "/account/orders", "/account/reset/12/abc", "/account/verify/tok", "/wishlists/shared/tok"} {
		res := get(path)
		body, _ := io.ReadAll(res.Body)
		if res.StatusCode != 200 || !strings.Contains(string(body), `src="/account/assets/app.js"`) {
			t.Errorf("%s: %d, not the app's page", path, res.StatusCode)
		}
		if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe") {
			t.Errorf("%s: Content-Security-Policy %q", path, csp)
		}
		if res.Header.Get("Referrer-Policy") != "no-referrer" {
			t.Errorf("%s: a reset token in the address could leak through Referer", path)
		}
	}
	for path, kind := range map[string]string{"/account/assets/app.js": "text/javascript", "/account/assets/portal.css": "text/css",
		"/account/assets/pages/orders.js": "text/javascript", "/account/assets/demo/tote.svg": "image/svg+xml"} {
		res := get(path)
		if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), kind) {
			t.Errorf("%s: %d %s, want %s", path, res.StatusCode, res.Header.Get("Content-Type"), kind)
		}
		if etag := res.Header.Get("ETag"); etag == "" || get(path, "If-None-Match", etag).StatusCode != http.StatusNotModified {
			t.Errorf("%s: no revalidation by ETag", path)
		}
	}
	for _, path := range []string{"/account/assets/missing.js", "/account/assets/index.html", "/account/assets/%2e%2e/portal.go"} {
		if res := get(path); res.StatusCode != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", path, res.StatusCode)
		}
	}
	// Tokens in the paths of emailed links stay out of the access log.
	get("/account/reset/12/secret-reset-token-123")
	get("/wishlists/shared/secret-share-token-456")
	if logs := api.Logs(); strings.Contains(logs, "secret-reset-token-123") || strings.Contains(logs, "secret-share-token-456") {
		t.Errorf("a token from a link reached the log:\n%s", tail(logs, 2000))
	}
}

// needChromium finds Chromium: CHROME_PATH, else the usual names on PATH;
// without one the test skips (fails under CI_REQUIRE_TOOLS).
func needChromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("CHROME_PATH"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	needTool(t, "browser tests skipped: no Chromium found (apt-get install chromium, or set CHROME_PATH; .ci/run installs it)")
	return ""
}

// browser drives one headless Chromium tab through the portal, saving a
// screenshot of each page it is asked to and failing on any script error.
type browser struct {
	t     *testing.T
	ctx   context.Context
	base  string
	shots string
	axe   string // axe-core's source, when installed

	mu       sync.Mutex
	problems []string
}

func newBrowser(t *testing.T, base, shots string, width, height int) *browser {
	t.Helper()
	path := needChromium(t)
	// Not t.TempDir: Chromium's helpers may still write to their profile for
	// a moment after the browser exits, which fails t.TempDir's cleanup.
	profile, err := os.MkdirTemp("", "portal-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.NoSandbox,
		chromedp.WindowSize(width, height), chromedp.UserDataDir(profile),
		// The machine has no internet: without these Chromium keeps trying.
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-quic", true), chromedp.Flag("no-first-run", true),
		// Containers give /dev/shm little room; Chromium then crashes.
		chromedp.Flag("disable-dev-shm-usage", true))
	// Chromium now and then exits while starting on a busy 2-core machine;
	// a second try is cheap, and the first failure is logged.
	var ctx context.Context
	for attempt := 1; ; attempt++ {
		alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
		c, cancelCtx := chromedp.NewContext(alloc)
		err := chromedp.Run(c)
		if err == nil {
			ctx = c
			t.Cleanup(func() {
				cancelCtx()
				cancelAlloc()
				for i := 0; i < 20 && os.RemoveAll(profile) != nil; i++ {
					time.Sleep(100 * time.Millisecond)
				}
			})
			break
		}
		cancelCtx()
		cancelAlloc()
		if attempt == 2 {
			t.Fatalf("start Chromium: %v", err)
		}
		t.Logf("Chromium did not start, trying again: %v", err)
	}
	ctx, cancelTimeout := context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(cancelTimeout)
	b := &browser{t: t, ctx: ctx, base: base, shots: shots, axe: axeSource(t)}
	chromedp.ListenTarget(ctx, func(ev any) {
		switch e := ev.(type) {
		case *runtime.EventExceptionThrown:
			b.problem("script error: " + e.ExceptionDetails.Error())
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.APITypeError {
				var parts []string
				for _, a := range e.Args {
					parts = append(parts, string(a.Value))
				}
				b.problem("console error: " + strings.Join(parts, " "))
			}
		}
	})
	if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	return b
}

func (b *browser) problem(s string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.problems = append(b.problems, s)
}

// run performs actions; on failure it saves a screenshot of what the page
// showed and stops the test.
func (b *browser) run(what string, actions ...chromedp.Action) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Run(ctx, actions...); err != nil {
		b.capture("failed-" + strings.ReplaceAll(what, " ", "-"))
		var main string
		_ = chromedp.Run(b.ctx, chromedp.Text("body", &main, chromedp.ByQuery))
		b.t.Fatalf("%s: %v\npage said:\n%s\nproblems: %v", what, err, main, b.problems)
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.problems) > 0 {
		b.t.Fatalf("%s: %v", what, b.problems)
	}
}

// shot audits the page and saves it as <shots>/<name>.png.
func (b *browser) shot(name string) {
	b.t.Helper()
	// Let transitions (the toast's fade) end and images settle, so the audit
	// and the picture see the page at rest.
	b.run("settle", chromedp.Sleep(300*time.Millisecond))
	b.audit(name)
	b.capture(name)
}

// capture saves the whole page as <shots>/<name>.png. It reports, never
// stops: run calls it when an action failed, and the browser may be gone.
func (b *browser) capture(name string) {
	b.t.Helper()
	var png []byte
	ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Run(ctx, chromedp.FullScreenshot(&png, 100)); err != nil {
		b.t.Errorf("screenshot %s: %v", name, err)
		return
	}
	if err := os.WriteFile(filepath.Join(b.shots, name+".png"), png, 0o644); err != nil {
		b.t.Error(err)
	}
}

// audit runs axe-core's WCAG 2.1 A and AA rules on the page as it is and
// reports each violation: missing labels and names, contrast, landmarks,
// ARIA misuse.
func (b *browser) audit(page string) {
	b.t.Helper()
	if b.axe == "" {
		return
	}
	var loaded bool
	b.js("axe loaded?", `typeof window.axe !== 'undefined'`, &loaded)
	if !loaded {
		// Through DevTools, so the page's CSP (no eval) does not apply.
		b.run("load axe", chromedp.Evaluate(b.axe, nil))
	}
	var violations []struct {
		ID, Impact, Help string
		Targets          []string
	}
	b.js("accessibility audit of "+page, `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
		.then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) })))`, &violations)
	for _, v := range violations {
		b.t.Errorf("%s: accessibility (%s, %s): %s, at %s", page, v.ID, v.Impact, v.Help, strings.Join(v.Targets, "; "))
	}
}

// axeSource reads axe-core from tests/accessibility (npm ci there; .ci/run
// does). Without it the pages are not audited, which CI does not allow.
func axeSource(t *testing.T) string {
	src, err := os.ReadFile(filepath.Join("accessibility", "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		if toolsRequired() {
			t.Fatalf("axe-core is not installed (npm ci --prefix tests/accessibility): %v", err)
		}
		t.Log("accessibility audits skipped: run `npm ci --prefix tests/accessibility` (.ci/run does)")
		return ""
	}
	return string(src)
}

func (b *browser) open(path string) {
	b.t.Helper()
	b.run("open "+path, chromedp.Navigate(b.base+path))
}

// js evaluates an expression that waits for the page (it may return a
// promise) and fails with its message when it throws.
func (b *browser) js(what, expr string, out any) {
	b.t.Helper()
	b.run(what, chromedp.Evaluate(expr, out, func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }))
}

// fieldError waits until the control named name is marked invalid: the
// API's error for that field has reached it.
func (b *browser) fieldError(name string) {
	b.t.Helper()
	b.run("error at "+name, chromedp.WaitVisible(fmt.Sprintf(`[name=%s][aria-invalid=true]`, name), chromedp.ByQuery))
}

// waitFor waits until the page (main) shows text.
func (b *browser) waitFor(text string) {
	b.t.Helper()
	b.run("wait for "+text, chromedp.Poll(fmt.Sprintf(`!document.querySelector('main[aria-busy]') && document.querySelector('main').innerText.includes(%q)`, text), nil,
		chromedp.WithPollingTimeout(15*time.Second)))
}

// toast waits until the status toast, where actions report their outcome,
// says text.
func (b *browser) toast(text string) {
	b.t.Helper()
	b.run("toast "+text, chromedp.Poll(fmt.Sprintf(`document.getElementById('toast').textContent.includes(%q)`, text), nil,
		chromedp.WithPollingTimeout(15*time.Second)))
}

// visit clicks the link or button named name and photographs the page
// once it shows text.
func (b *browser) visit(name, text, shot string) {
	b.t.Helper()
	b.click(name)
	b.waitFor(text)
	b.shot(shot)
}

// fill types into the control labelled label, as the customer would see it.
func (b *browser) fill(label, value string) {
	b.t.Helper()
	b.js("fill "+label, fmt.Sprintf(`(() => {
		const l = [...document.querySelectorAll('main label')].find((l) => l.textContent.replace('*', '').trim() === %[1]q);
		const c = l ? document.getElementById(l.htmlFor) : [...document.querySelectorAll('main :is(input, select, textarea)')].find((c) => c.getAttribute('aria-label') === %[1]q);
		if (!c) throw new Error('no field labelled ' + %[1]q);
		c.focus();
		if (c.type === 'checkbox') c.checked = %[2]q === 'on'; else c.value = %[2]q;
		c.dispatchEvent(new Event('input', { bubbles: true }));
		c.dispatchEvent(new Event('change', { bubbles: true }));
		return true;
	})()`, label, value), nil)
}

// click presses the button or link whose accessible name is name.
func (b *browser) click(name string) {
	b.t.Helper()
	b.js("click "+name, fmt.Sprintf(`(() => {
		const name = (el) => (el.getAttribute('aria-label') || el.textContent).trim();
		const el = [...document.querySelectorAll('button, a')].find((el) => name(el) === %q && !el.disabled && el.offsetParent !== null);
		if (!el) throw new Error('nothing to click named ' + %q);
		el.click();
		return true;
	})()`, name, name), nil)
}

// token reads the customer's access token the portal keeps, so the test can
// check through the API what the pages did.
func (b *browser) token() string {
	var s string
	b.js("read token", `JSON.parse(localStorage.getItem('accountgraph.session') || '{}').accessToken || ''`, &s)
	return s
}

// startPortalServer runs a server whose public URL is its own address, so
// the links it makes (share links, product pictures) open in the browser.
func startPortalServer(t *testing.T, name, dbURL string) *API {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + l.Addr().String()
	api := start(t, name, dbURL, func(c *config.Config) { c.PublicURL = base })
	hs := &httptest.Server{Listener: l, Config: &http.Server{Handler: api.Server.Handler()}}
	hs.Start()
	t.Cleanup(hs.Close)
	api.URL = base
	return api
}

// shotsDir is where screenshots go: $ARTIFACTS_DIR/portal, else
// tests/artifacts/portal (ignored by git).
func shotsDir(t *testing.T, name string) string {
	return artifactsDir("portal", name)
}

// artifactsDir is where tests leave screenshots: ARTIFACTS_DIR, or
// tests/artifacts.
func artifactsDir(sub ...string) string {
	dir := os.Getenv("ARTIFACTS_DIR")
	if dir == "" {
		dir, _ = filepath.Abs("artifacts")
	}
	return filepath.Join(append([]string{dir}, sub...)...)
}

// TestPortalInBrowser walks the portal in headless Chromium as the demo
// customer and as a new one: sign in, orders and their filters, an order's
// tracking, an address edit (with an error first), a shared wishlist, moving
// to the cart, redeeming a reward, every other page, and signing out. Each
// page is saved as a screenshot.
func TestPortalInBrowser(t *testing.T) {
	parallel(t)
	needChromium(t)
	eachDatabase(t, "portal.db", func(t *testing.T, name, dbURL string) {
		api := startPortalServer(t, name, dbURL)
		login, err := api.Server.SeedDemo(context.Background())
		if err != nil {
			t.Fatalf("demo data: %v", err)
		}
		t.Run("demo customer", func(t *testing.T) { demoCustomerJourney(t, api, login.Email, login.Password, shotsDir(t, name)) })
		t.Run("new customer on a phone", func(t *testing.T) { newCustomerJourney(t, api, shotsDir(t, name)) })
		t.Run("reset, two-step and code sign-in", func(t *testing.T) { signInJourney(t, api, shotsDir(t, name)) })
	})
}

func demoCustomerJourney(t *testing.T, api *API, email, password, shots string) {
	b := newBrowser(t, api.URL, shots, 1280, 900)

	// Signing in: a wrong password shows the API's message at the form; the
	// right one, typed and sent with the keyboard, opens the account.
	b.open("/account/orders")
	b.waitFor("Welcome back")
	b.shot("01-sign-in")
	b.fill("Email", email)
	b.fill("Password", "not-the-password")
	b.click("Sign in")
	b.run("error summary", chromedp.WaitVisible(".form-errors", chromedp.ByQuery))
	b.shot("02-sign-in-error")
	b.fill("Password", "")
	b.run("sign in by keyboard", chromedp.SendKeys(`input[name=password]`, password+"\r", chromedp.ByQuery))
	// The login page came from /account/orders: the customer lands there.
	b.waitFor("3 orders")
	b.shot("03-orders")

	b.fill("Status", "cancelled")
	b.visit("Apply", "1 order", "04-orders-cancelled")
	b.fill("Status", "")
	b.fill("Search", "tote")
	b.click("Apply")
	b.waitFor("1 order")

	b.visit("Overview", "Hello, Ada", "05-overview")

	// The delivered order's page: lines, totals and the tracking timeline.
	b.open("/account/orders?sort=oldest")
	b.waitFor("3 orders")
	b.click("Order #1001")
	b.waitFor("Out for delivery")
	b.waitFor("Merino socks")
	b.shot("06-order-tracking")

	// A return from the order page: nothing chosen is refused at the form;
	// one unit is asked for and the page lists the return.
	b.click("Request return")
	b.run("nothing chosen", chromedp.WaitVisible(".return-form .form-errors", chromedp.ByQuery))
	b.fill("Quantity to return", "1")
	b.fill("Reason", "SIZE_TOO_SMALL")
	b.click("Request return")
	b.toast("Return #1001-R1 requested")
	b.waitFor("Return #1001-R1")
	b.waitFor("Too small")
	b.shot("06b-order-return")
	var asked struct {
		Orders struct {
			Nodes []struct {
				Name    string
				Returns struct{ Nodes []struct{ Status string } }
			}
		}
	}
	api.MustDo(t, `query($t: String!) { customer(customerAccessToken: $t) { orders(first: 5, sortKey: PROCESSED_AT) { nodes { name returns(first: 5) { nodes { status } } } } } }`,
		map[string]any{"t": b.token()}, "customer", &asked)
	if n := asked.Orders.Nodes; len(n) == 0 || n[0].Name != "#1001" || len(n[0].Returns.Nodes) != 1 || n[0].Returns.Nodes[0].Status != "REQUESTED" {
		t.Errorf("the return through the API: %+v", asked)
	}

	// Saved cards: another made the default, then removed: the page asks
	// for a new default instead of choosing one.
	b.visit("Payment methods", "•••• 4242", "06c-payment-methods")
	b.click("Make default: Mastercard •••• 4444")
	b.toast("is now your default")
	// The list drawn again: the old default now offers to become it.
	b.run("list redrawn", chromedp.WaitVisible(`button[aria-label="Make default: Visa •••• 4242"]`, chromedp.ByQuery))
	b.click("Remove")
	b.click("Yes, remove")
	b.toast("removed")
	b.waitFor("You have no default payment method")
	b.shot("06d-payment-methods-no-default")
	var cards struct {
		PaymentMethods []struct {
			LastDigits string
			IsDefault  bool
		}
	}
	api.MustDo(t, `query($t: String!) { customer(customerAccessToken: $t) { paymentMethods { lastDigits isDefault } } }`, map[string]any{"t": b.token()}, "customer", &cards)
	if len(cards.PaymentMethods) != 1 || cards.PaymentMethods[0].LastDigits != "4242" || cards.PaymentMethods[0].IsDefault {
		t.Errorf("cards through the API: %+v", cards)
	}

	// Addresses: a bad value is refused at its field, a good one is saved.
	b.visit("Addresses", "150 Elgin St", "07-addresses")
	b.click("Edit 150 Elgin St")
	b.fill("City", "<b>Kingston</b>")
	b.click("Save address")
	b.fieldError("city")
	b.shot("08-address-error")
	b.fill("City", "Kingston")
	b.click("Save address")
	b.toast("Address saved")
	b.waitFor("Kingston")
	token := b.token()
	var me struct{ DefaultAddress struct{ City string } }
	api.MustDo(t, `query($t: String!) { customer(customerAccessToken: $t) { defaultAddress { city } } }`, map[string]any{"t": token}, "customer", &me)
	if me.DefaultAddress.City != "Kingston" {
		t.Errorf("address city through the API = %q, want Kingston", me.DefaultAddress.City)
	}

	// Wishlists: share the list, open the link, move an item to the cart.
	b.click("Wishlists")
	b.waitFor("Canvas tote")
	b.click("Share Wishlist")
	b.run("share link", chromedp.WaitVisible(".share-url", chromedp.ByQuery))
	var shareURL string
	b.run("read share link", chromedp.Value(".share-url", &shareURL, chromedp.ByQuery))
	b.shot("09-wishlists-shared")
	if !strings.HasPrefix(shareURL, api.URL+"/wishlists/shared/") {
		t.Fatalf("share link %q", shareURL)
	}
	// The shared page keeps the owner's name private until they choose.
	b.open(strings.TrimPrefix(shareURL, api.URL))
	b.waitFor("Canvas tote")
	var heading string
	b.run("shared heading", chromedp.Text("main h1", &heading, chromedp.ByQuery))
	if heading != "Wishlist" {
		t.Errorf("shared page heading %q, want the list name alone", heading)
	}
	b.open("/account/wishlists")
	b.waitFor("Canvas tote")
	b.fill("Show my first name on the shared page", "on")
	b.toast("shows your first name")
	b.open(strings.TrimPrefix(shareURL, api.URL))
	b.waitFor("Ada’s Wishlist")
	b.shot("10-shared-wishlist-page")
	b.open("/account/wishlists")
	b.waitFor("Canvas tote")
	b.click("Move to cart: Canvas tote")
	b.toast("Moved to your cart")
	cart := api.Read(t, `query($t: String!) { customer(customerAccessToken: $t) { cart { lines(first: 10) { nodes { merchandise { ... on ProductVariant { sku } } } } } } }`,
		map[string]any{"t": token}, "customer")
	if !strings.Contains(cart, `"sku":"TOTE"`) {
		t.Errorf("the tote is not in the cart: %s", cart)
	}

	b.visit("Saved carts", "Winter basics", "11-saved-carts")

	// Rewards: redeem the first reward the balance allows; the code shows once.
	b.visit("Rewards", "points to spend", "12-rewards")
	var redeemed string
	b.js("redeem", `(() => { const b = [...document.querySelectorAll('.reward button')].find((b) => !b.disabled);
		if (!b) throw new Error('no reward within the balance'); const name = b.getAttribute('aria-label'); b.click(); return name; })()`, &redeemed)
	b.run("discount code", chromedp.WaitVisible(".code-slot .discount-code", chromedp.ByQuery))
	b.shot("13-reward-redeemed")
	var after struct {
		Loyalty struct {
			Redemptions struct{ Nodes []struct{ CodeEnding string } }
		}
	}
	api.MustDo(t, `query($t: String!) { customer(customerAccessToken: $t) { loyalty { redemptions(first: 10) { nodes { codeEnding } } } } }`,
		map[string]any{"t": token}, "customer", &after)
	var shown string
	b.run("read code", chromedp.Text(".code-slot .discount-code", &shown, chromedp.ByQuery))
	// The demo redeemed one reward; the page redeemed the second (newest first).
	if n := len(after.Loyalty.Redemptions.Nodes); n != 2 || !strings.HasSuffix(shown, after.Loyalty.Redemptions.Nodes[0].CodeEnding) {
		t.Errorf("%s: the code shown (%s) is not the newest of the %d redemptions", redeemed, shown, n)
	}

	b.click("Communication")
	b.waitFor("Shipping updates")
	b.fill("Loyalty by email", "WEEKLY")
	b.click("Save choices")
	b.toast("saved")
	b.shot("14-communication")

	b.click("Security")
	b.waitFor("Where you are signed in")
	b.waitFor("This device")
	b.shot("15-security")

	b.visit("Support", "Can the tote arrive before Friday?", "16-support")

	b.visit("Your data", "Download my data", "17-your-data")

	b.visit("Profile", "Your details", "18-profile")

	// Signing out ends the session on the server, not only in the page.
	b.click("Sign out")
	b.waitFor("Welcome back")
	if got := api.Read(t, `query($t: String!) { customer(customerAccessToken: $t) { id } }`, map[string]any{"t": token}, "customer"); got != "null" {
		t.Errorf("the token still works after signing out: %s", got)
	}
}

func newCustomerJourney(t *testing.T, api *API, shots string) {
	b := newBrowser(t, api.URL, shots, 390, 844)
	b.open("/account/register")
	b.waitFor("Create your account")
	b.fill("First name", "Grace")
	b.fill("Last name", "Hopper")
	b.fill("Email", "grace@example.com")
	b.fill("Password", "short")
	b.click("Create account")
	b.fieldError("password")
	b.shot("20-phone-register-error")
	b.fill("Password", "compiler-admiral-1906")
	b.visit("Create account", "Hello, Grace", "21-phone-overview")
	b.click("Menu")
	b.run("menu", chromedp.WaitVisible("#nav a[href='/account/orders']", chromedp.ByQuery))
	b.shot("22-phone-menu")
	b.click("Orders")
	b.waitFor("You have not placed an order yet")
	var c struct{ FirstName, Email string }
	api.MustDo(t, `query($t: String!) { customer(customerAccessToken: $t) { firstName email } }`, map[string]any{"t": b.token()}, "customer", &c)
	if c.Email != "grace@example.com" || c.FirstName != "Grace" {
		t.Errorf("registered customer: %+v", c)
	}
}

// signInJourney: a customer who forgot their password resets it from the
// mailed link, turns on two-step sign-in with an authenticator code, signs
// in with password and code, then with a code mailed to them.
func signInJourney(t *testing.T, api *API, shots string) {
	email, _, _ := api.newCustomer(t, "portal-signin")
	b := newBrowser(t, api.URL, shots, 1280, 900)

	b.open("/account/login")
	b.click("Forgot your password?")
	b.fill("Email", email)
	b.click("Send reset link")
	b.waitFor("we have sent it a link")
	b.open(api.LastMatch(t, email, regexp.MustCompile(`https?://[^/\s]+(/account/reset/\d+/[0-9a-f]{64})`)))
	b.waitFor("Choose a new password")
	b.fill("New password", "a brand new passphrase")
	b.shot("30-reset-password")
	b.click("Save password")
	b.waitFor("Hello,")

	b.click("Security")
	b.waitFor("Where you are signed in")
	b.click("Set up two-step sign-in")
	b.run("secret", chromedp.WaitVisible(".secret", chromedp.ByQuery))
	var secret string
	b.run("read secret", chromedp.Text(".secret", &secret, chromedp.ByQuery))
	b.fill("6-digit code", totpAt(t, strings.ReplaceAll(secret, " ", ""), time.Now()))
	b.click("Turn on")
	b.waitFor("Two-step sign-in is on")
	b.run("status on", chromedp.Poll(`document.querySelector('.tf-status').innerText.startsWith('On')`, nil, chromedp.WithPollingTimeout(5*time.Second)))
	b.shot("31-two-step-on")
	b.click("Sign out")

	// Password and authenticator code.
	b.waitFor("Welcome back")
	b.fill("Email", email)
	b.fill("Password", "a brand new passphrase")
	b.click("Sign in")
	b.toast("Enter the code from your authenticator app")
	b.fill("Code from your authenticator app", totpAt(t, strings.ReplaceAll(secret, " ", ""), time.Now().Add(30*time.Second)))
	b.shot("32-two-step-sign-in")
	b.click("Sign in")
	b.waitFor("Hello,")
	b.click("Sign out")

	// A code mailed to the customer.
	b.waitFor("Welcome back")
	b.click("Email me a code")
	b.fill("Email", email)
	b.click("Send code")
	b.waitFor("a code is on its way")
	b.fill("6-digit code", api.lastCode(t, email))
	b.shot("33-code-sign-in")
	b.click("Sign in")
	b.waitFor("Hello,")
}
