package loaders

import (
	"context"
	"iter"
	"slices"
	"sync"

	"github.com/vikstrous/dataloadgen"
)

// Keyed loads values by key, in batches that are complete by construction:
// the level above registers every key its children will ask for (Expect),
// and the first batch of this level fetches all of them in one statement.
// Batching by time alone splits when siblings reach the loader late (many
// rows, a busy machine); registered siblings never do. So a registered key
// is fetched at once, without the batching wait: its siblings are in the
// same statement or wait on it. Only unregistered keys (the rows of a root
// list) wait to be batched.
type Keyed[K comparable, V any] struct {
	mu       sync.Mutex // serialises fetches, so overlapping batches never query twice
	cache    map[K]V
	failed   map[K]error // keys whose fetch failed: their siblings get the error, not another statement
	expected expectSet[K]
	fetch    func(ctx context.Context, keys []K) (map[K]V, error)
	after    func(values map[K]V) // registers the next level's keys
	loader   *dataloadgen.Loader[K, V]
}

// newKeyed makes a loader; its maps and batcher are made on first use,
// since a request uses few of its loaders.
func newKeyed[K comparable, V any](fetch func(context.Context, []K) (map[K]V, error)) *Keyed[K, V] {
	return &Keyed[K, V]{fetch: fetch}
}

// batcher is the loader that waits for unregistered siblings.
func (k *Keyed[K, V]) batcher() *dataloadgen.Loader[K, V] {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.loader == nil {
		k.loader = dataloadgen.NewLoader(k.batch, dataloadgen.WithWait(wait))
	}
	return k.loader
}

// put sets m[key], making the map on first use (reading a nil map is fine)
// with room for size keys: a level's keys come together, and a map grown
// one key at a time allocates about twice what it ends with.
func put[K comparable, V any](m *map[K]V, key K, v V, size int) {
	if *m == nil {
		*m = make(map[K]V, size)
	}
	(*m)[key] = v
}

// Expect registers keys that siblings will load.
func (k *Keyed[K, V]) Expect(keys ...K) {
	k.mu.Lock()
	defer k.mu.Unlock()
	for _, key := range keys {
		if _, done := k.cache[key]; !done {
			k.expected.add(key, len(keys))
		}
	}
}

// Prime stores a value its level already read (an order of a page, for
// the loaders that look orders up by ID), so no statement reads it again.
func (k *Keyed[K, V]) Prime(key K, v V) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if _, done := k.cache[key]; !done {
		put(&k.cache, key, v, 0)
		k.expected.del(key)
	}
}

// fill stores the values of keys another statement read, as a batch of
// them would (keys already read keep their values).
func (k *Keyed[K, V]) fill(keys []K, values map[K]V) {
	k.mu.Lock()
	defer k.mu.Unlock()
	keys = slices.DeleteFunc(slices.Clone(keys), func(key K) bool {
		_, done := k.cache[key]
		return done
	})
	got := make(map[K]V, len(keys))
	for _, key := range keys {
		if v, ok := values[key]; ok {
			got[key] = v
		}
	}
	k.store(keys, got)
}

// store stores the values read for keys (absent keys get the zero value:
// nil, 0, no rows) and registers their next level. k.mu is held.
func (k *Keyed[K, V]) store(keys []K, got map[K]V) {
	for _, key := range keys {
		put(&k.cache, key, got[key], len(keys))
		k.expected.del(key)
	}
	if k.after != nil {
		k.after(got)
	}
}

// Load returns the value of one key.
func (k *Keyed[K, V]) Load(ctx context.Context, key K) (V, error) {
	k.mu.Lock()
	v, done := k.cache[key]
	err := k.failed[key]
	registered := k.expected.has(key)
	k.mu.Unlock()
	switch {
	case done || err != nil: // a sibling's batch fetched it: no allocation
		return v, err
	case registered:
		vs, errs := k.batch(ctx, []K{key})
		return vs[0], errs[0]
	}
	waiting(ctx)
	return k.batcher().Load(ctx, key)
}

// LoadAll returns the values of keys, in order.
func (k *Keyed[K, V]) LoadAll(ctx context.Context, keys []K) ([]V, error) {
	if !k.known(keys...) {
		waiting(ctx)
		return k.batcher().LoadAll(ctx, keys)
	}
	vs, errs := k.batch(ctx, keys)
	for _, err := range errs {
		if err != nil {
			return vs, dataloadgen.ErrorSlice(errs) // as the loader reports them
		}
	}
	return vs, nil
}

// known reports whether every key is loaded, failed or registered: then
// a batch needs no siblings to wait for.
func (k *Keyed[K, V]) known(keys ...K) bool {
	k.mu.Lock()
	defer k.mu.Unlock()
	for _, key := range keys {
		_, done := k.cache[key]
		if !done && k.failed[key] == nil && !k.expected.has(key) {
			return false
		}
	}
	return true
}

func (k *Keyed[K, V]) batch(ctx context.Context, keys []K) ([]V, []error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	need := map[K]bool{}
	for _, key := range keys {
		if _, done := k.cache[key]; !done && k.failed[key] == nil {
			need[key] = true
		}
	}
	var err error
	if len(need) > 0 {
		for key := range k.expected.all() {
			need[key] = true
		}
		list := make([]K, 0, len(need))
		for key := range need {
			list = append(list, key)
		}
		var got map[K]V
		if got, err = k.fetch(ctx, list); err == nil {
			k.store(list, got)
		} else {
			for _, key := range list {
				put(&k.failed, key, err, len(list))
				k.expected.del(key)
			}
		}
	}
	out := make([]V, len(keys))
	errs := make([]error, len(keys))
	for i, key := range keys {
		out[i], errs[i] = k.cache[key], k.failed[key]
	}
	return out, errs
}

// byID turns a query by IDs into a mapped fetch.
func byID[T any](q func(context.Context, []int) ([]T, error), id func(T) int) func(context.Context, []int) (map[int]T, error) {
	return func(ctx context.Context, ids []int) (map[int]T, error) {
		rows, err := q(ctx, ids)
		out := make(map[int]T, len(rows))
		for _, r := range rows {
			out[id(r)] = r
		}
		return out, err
	}
}

// groupBy turns a query by parent IDs into a mapped fetch of lists.
func groupBy[T any](q func(context.Context, []int) ([]T, error), parent func(T) int) func(context.Context, []int) (map[int][]T, error) {
	return func(ctx context.Context, ids []int) (map[int][]T, error) {
		rows, err := q(ctx, ids)
		return groupRows(rows, parent, len(ids)), err
	}
}

// groupRows groups rows by parent. Rows that come ordered by parent (most
// statements order by it first) share rows' array, a slice per parent;
// otherwise each parent's rows are copied out.
func groupRows[T any](rows []T, parentOf func(T) int, parents int) map[int][]T {
	out := make(map[int][]T, parents)
	start := 0
	for i := 1; i <= len(rows); i++ {
		if i < len(rows) && parentOf(rows[i]) == parentOf(rows[start]) {
			continue
		}
		p := parentOf(rows[start])
		if _, again := out[p]; again { // not ordered by parent
			clear(out)
			for _, r := range rows {
				out[parentOf(r)] = append(out[parentOf(r)], r)
			}
			return out
		}
		out[p] = rows[start:i:i]
		start = i
	}
	return out
}

// expectSet is a set of registered keys. Most hold one (the signed-in
// customer, registered with each of the many loaders keyed by customer,
// most of which the request never uses), kept without a map.
type expectSet[K comparable] struct {
	one    K
	hasOne bool
	more   map[K]bool
}

// add adds key; size is how many keys come with it.
func (s *expectSet[K]) add(key K, size int) {
	switch {
	case s.hasOne && s.one == key:
	case !s.hasOne && len(s.more) == 0:
		s.one, s.hasOne = key, true
	default:
		put(&s.more, key, true, size)
	}
}

func (s *expectSet[K]) has(key K) bool { return s.hasOne && s.one == key || s.more[key] }

func (s *expectSet[K]) del(key K) {
	if s.hasOne && s.one == key {
		var zero K
		s.one, s.hasOne = zero, false
	}
	delete(s.more, key)
}

// all yields the keys.
func (s *expectSet[K]) all() iter.Seq[K] {
	return func(yield func(K) bool) {
		if s.hasOne && !yield(s.one) {
			return
		}
		for key := range s.more {
			if !yield(key) {
				return
			}
		}
	}
}
