package loaders

import (
	"context"
	"slices"
	"sync"

	"entgo.io/ent/dialect/sql"
	"github.com/vikstrous/dataloadgen"

	"accountgraph/internal/db"
	"accountgraph/internal/page"
)

// PageKey asks for one parent's page of children.
type PageKey struct {
	Parent int
	Window string // page.Window.ID() plus any filter's key
}

// Pages loads pages of children of many parents with one statement per
// distinct set of arguments: ROW_NUMBER() OVER (PARTITION BY parent) keeps
// each parent's pagination exact. Like Keyed, a batch covers every parent
// registered with Expect.
type Pages[T any] struct {
	parentCol string
	query     func(ctx context.Context, mod func(*sql.Selector), parents []int) ([]T, error)
	parentOf  func(T) int
	after     func(rows []T)
	mu        sync.Mutex // guards specs; fetchMu serialises fetches
	fetchMu   sync.Mutex
	specs     map[string]windowSpec[T]
	expected  expectSet[int]
	cache     map[PageKey]page.Page[T]
	failed    map[PageKey]error // pages whose fetch failed: siblings get the error, not another statement
	// countCache holds total counts per parent and filter.
	countCache map[PageKey]int
	loader     *dataloadgen.Loader[PageKey, page.Page[T]]
}

func newPages[T any](parentCol string, query func(context.Context, func(*sql.Selector), []int) ([]T, error), parentOf func(T) int) *Pages[T] {
	return &Pages[T]{parentCol: parentCol, query: query, parentOf: parentOf}
}

// batcher is the loader that waits for unregistered siblings (made on
// first use, like the maps).
func (p *Pages[T]) batcher() *dataloadgen.Loader[PageKey, page.Page[T]] {
	p.fetchMu.Lock()
	defer p.fetchMu.Unlock()
	if p.loader == nil {
		p.loader = dataloadgen.NewLoader(p.fetch, dataloadgen.WithWait(wait))
	}
	return p.loader
}

// Expect registers parents whose pages siblings will load.
func (p *Pages[T]) Expect(parents ...int) {
	p.fetchMu.Lock()
	defer p.fetchMu.Unlock()
	for _, id := range parents {
		p.expected.add(id, len(parents))
	}
}

func (p *Pages[T]) key(parent int, spec page.Spec[T]) PageKey {
	// Siblings ask with the same window: its ID is made once a request.
	var buf [128]byte
	id := append(append(spec.Window.AppendID(buf[:0]), '|'), spec.FilterKey...)
	p.mu.Lock()
	defer p.mu.Unlock()
	w, ok := p.specs[string(id)]
	if !ok {
		w.id = string(id)
	}
	w.spec = spec
	put(&p.specs, w.id, w, 0)
	return PageKey{Parent: parent, Window: w.id}
}

// windowSpec is a window's spec, with its ID.
type windowSpec[T any] struct {
	id   string
	spec page.Spec[T]
}

// Load returns one parent's page. A registered parent's page is fetched at
// once (with every registered sibling's, see Keyed); others wait to be
// batched.
func (p *Pages[T]) Load(ctx context.Context, parent int, spec page.Spec[T]) (page.Page[T], error) {
	key := p.key(parent, spec)
	p.fetchMu.Lock()
	pg, done := p.cache[key]
	err := p.failed[key]
	known := done || err != nil || p.expected.has(parent)
	p.fetchMu.Unlock()
	if done || err != nil { // a sibling's batch fetched it
		return pg, err
	}
	if !known {
		waiting(ctx)
		return p.batcher().Load(ctx, key)
	}
	pages, errs := p.fetch(ctx, []PageKey{key})
	return pages[0], errs[0]
}

// Key registers spec and returns the key for a parent, for loaders that
// share the spec (such as total counts).
func (p *Pages[T]) Key(parent int, spec page.Spec[T]) PageKey { return p.key(parent, spec) }

func (p *Pages[T]) spec(window string) page.Spec[T] {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.specs[window].spec
}

func (p *Pages[T]) fetch(ctx context.Context, keys []PageKey) ([]page.Page[T], []error) {
	p.fetchMu.Lock()
	defer p.fetchMu.Unlock()
	for window, parents := range groupKeys(keys) {
		missing := false
		for _, parent := range parents {
			k := PageKey{parent, window}
			if _, ok := p.cache[k]; !ok && p.failed[k] == nil {
				missing = true
			}
		}
		if !missing {
			continue
		}
		for parent := range p.expected.all() {
			if _, ok := p.cache[PageKey{parent, window}]; !ok && !slices.Contains(parents, parent) {
				parents = append(parents, parent)
			}
		}
		spec := p.spec(window)
		rows, err := p.read(ctx, spec, parents)
		if err != nil {
			for _, parent := range parents {
				put(&p.failed, PageKey{parent, window}, err, len(parents))
			}
			continue
		}
		byParent := groupRows(rows, p.parentOf, len(parents))
		for _, parent := range parents {
			put(&p.cache, PageKey{parent, window}, page.Finish(spec.Window, byParent[parent], spec.CursorOf), len(parents))
		}
		if p.after != nil {
			var kept []T
			for _, parent := range parents {
				kept = append(kept, p.cache[PageKey{parent, window}].Items...)
			}
			p.after(kept)
		}
	}
	out := make([]page.Page[T], len(keys))
	outErr := make([]error, len(keys))
	for i, k := range keys {
		out[i], outErr[i] = p.cache[k], p.failed[k]
	}
	return out, outErr
}

// perParentReads is how many rows a batch of pages reads plainly, per
// parent and row of a page, before it ranks rows per parent (see read).
const perParentReads = 4

// read reads the rows of parents' pages under spec. One parent's page (a
// signed-in customer's own list) is a plain ORDER BY … LIMIT, which the
// databases answer from the index. Many parents' pages are first read
// plainly too, ordered by parent, up to perParentReads times as many rows
// as their pages hold, and each parent's rows cut to its page: exact when
// fewer rows came, and about twice as cheap on SQLite as ranking rows with
// ROW_NUMBER() OVER (PARTITION BY parent), which a second statement does
// when a parent holds more (a long order, say).
func (p *Pages[T]) read(ctx context.Context, spec page.Spec[T], parents []int) ([]T, error) {
	limit := spec.Window.Limit()
	cap := len(parents) * limit * perParentReads
	var werr error
	where := func(s *sql.Selector) bool {
		if spec.Filter != nil {
			spec.Filter(s)
		}
		werr = spec.Window.Where(s, spec.Column)
		return werr == nil
	}
	// Without a cursor or a filter, the statement's text is the page's
	// shape's (see statements.go).
	shape := ""
	if spec.Filter == nil && spec.Window.After == nil && spec.Window.Before == nil {
		shape = p.parentCol + "|" + spec.Column.Name + "|" + spec.Window.ID()
	}
	rows, err := p.query(withShape(ctx, shape), func(s *sql.Selector) {
		if !where(s) {
			return
		}
		if len(parents) == 1 {
			s.OrderBy(spec.Window.OrderTerms(spec.Column, s.C)...).Limit(limit)
			return
		}
		s.OrderBy(s.C(p.parentCol)).OrderBy(spec.Window.OrderTerms(spec.Column, s.C)...).Limit(cap)
	}, parents)
	if err == nil && werr == nil && len(parents) > 1 && len(rows) >= cap {
		rows, err = p.query(ctx, func(s *sql.Selector) {
			if where(s) {
				db.LimitPerParent(s, p.parentCol, limit, spec.Window.OrderTerms(spec.Column, func(c string) string { return c }))
			}
		}, parents)
	}
	if err == nil {
		err = werr
	}
	return rows, err
}

// counts answers total counts for pages' filters (cursor bounds ignored).
func (p *Pages[T]) counts(ctx context.Context, keys []PageKey, count func(context.Context, func(*sql.Selector), []int) (map[int]int, error)) ([]int, []error) {
	p.fetchMu.Lock()
	defer p.fetchMu.Unlock()
	errs := map[string]error{}
	for window, parents := range groupKeys(keys) {
		parents = slices.DeleteFunc(parents, func(parent int) bool {
			_, done := p.countCache[PageKey{parent, window}]
			return done
		})
		if len(parents) == 0 {
			continue
		}
		// Like pages, counts are complete by construction: every expected
		// parent is counted in the first batch, however late its sibling
		// resolvers arrive.
		for parent := range p.expected.all() {
			if _, ok := p.countCache[PageKey{parent, window}]; !ok && !slices.Contains(parents, parent) {
				parents = append(parents, parent)
			}
		}
		spec := p.spec(window)
		filter := spec.Filter
		if filter == nil {
			filter = func(*sql.Selector) {}
		}
		n, err := count(ctx, filter, parents)
		if err != nil {
			errs[window] = err
			continue
		}
		for _, parent := range parents {
			put(&p.countCache, PageKey{parent, window}, n[parent], len(parents))
		}
	}
	out := make([]int, len(keys))
	outErr := make([]error, len(keys))
	for i, k := range keys {
		out[i], outErr[i] = p.countCache[k], errs[k.Window]
	}
	return out, outErr
}

// groupKeys groups page keys by their arguments.
func groupKeys(keys []PageKey) map[string][]int {
	groups := map[string][]int{}
	for _, k := range keys {
		if !slices.Contains(groups[k.Window], k.Parent) {
			groups[k.Window] = append(groups[k.Window], k.Parent)
		}
	}
	return groups
}
