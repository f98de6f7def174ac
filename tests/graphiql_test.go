package tests

import (
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// TestGraphiQLWorksOffline opens GraphiQL at / in headless Chromium, runs a
// query and saves a screenshot. Every file the page loads comes from the
// server itself (the machine has no internet; a CDN file would never load).
func TestGraphiQLWorksOffline(t *testing.T) {
	parallel(t)
	needChromium(t)
	dir := filepath.Join(t.TempDir(), "test.db")
	api := start(t, "sqlite", "sqlite:"+dir, nil)
	b := newBrowser(t, api.URL, artifactsDir("graphiql"), 1280, 800)

	var mu sync.Mutex
	var requested []string
	chromedp.ListenTarget(b.ctx, func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok {
			mu.Lock()
			requested = append(requested, e.Request.URL)
			mu.Unlock()
		}
	})
	b.run("network events", network.Enable())
	b.open("/")
	b.run("GraphiQL loads", chromedp.WaitVisible(".graphiql-query-editor .CodeMirror", chromedp.ByQuery))
	var ok bool
	b.js("type a query", `document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.setValue('{ __typename }'); true`, &ok)
	b.run("run it", chromedp.Click(".graphiql-execute-button", chromedp.ByQuery))
	var answer string
	b.js("the answer", `new Promise((resolve) => {
	  const look = () => {
	    const t = document.querySelector('.graphiql-response')?.innerText || '';
	    if (t.includes('__typename')) resolve(t); else setTimeout(look, 100);
	  };
	  look();
	})`, &answer)
	if !strings.Contains(answer, `"Query"`) {
		t.Errorf("GraphiQL's answer: %s", answer)
	}
	b.capture("graphiql")

	mu.Lock()
	defer mu.Unlock()
	if len(requested) < 5 {
		t.Errorf("only %d requests seen: %v", len(requested), requested)
	}
	for _, u := range requested {
		if !strings.HasPrefix(u, api.URL) && !strings.HasPrefix(u, "data:") {
			t.Errorf("the page loaded %s from elsewhere", u)
		}
	}
}
