package loaders

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"
)

// fetchLog is a Keyed fetch that records the keys of each call.
type fetchLog struct {
	mu    sync.Mutex
	calls [][]int
	err   error
}

func (f *fetchLog) fetch(_ context.Context, keys []int) (map[int]string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	sorted := slices.Sorted(slices.Values(keys))
	f.calls = append(f.calls, sorted)
	if f.err != nil {
		return nil, f.err
	}
	out := map[int]string{}
	for _, k := range keys {
		if k != 404 {
			out[k] = string(rune('a' + k))
		}
	}
	return out, nil
}

func loadAll(k *Keyed[int, string], keys ...int) ([]string, []error) {
	vals, errs := make([]string, len(keys)), make([]error, len(keys))
	var wg sync.WaitGroup
	for i, key := range keys {
		wg.Go(func() { vals[i], errs[i] = k.Load(context.Background(), key) })
	}
	wg.Wait()
	return vals, errs
}

func TestKeyedRegisteredSiblingsShareOneFetch(t *testing.T) {
	f := &fetchLog{}
	k := newKeyed(f.fetch)
	k.Expect(1, 2, 3, 404)
	vals, errs := loadAll(k, 3, 1, 2, 404)
	if !slices.Equal(vals, []string{"d", "b", "c", ""}) || errors.Join(errs...) != nil {
		t.Fatalf("values %q, errors %v", vals, errs)
	}
	if len(f.calls) != 1 || !slices.Equal(f.calls[0], []int{1, 2, 3, 404}) {
		t.Fatalf("fetches %v, want one of every registered key", f.calls)
	}
	// Loaded keys come from the cache, together or alone.
	if got, err := k.LoadAll(context.Background(), []int{2, 404, 1}); err != nil || !slices.Equal(got, []string{"c", "", "b"}) {
		t.Fatalf("LoadAll = %q, %v", got, err)
	}
	if len(f.calls) != 1 {
		t.Fatalf("fetches %v after cached loads", f.calls)
	}
}

func TestKeyedUnregisteredKeysAreBatched(t *testing.T) {
	f := &fetchLog{}
	k := newKeyed(f.fetch)
	vals, errs := loadAll(k, 7, 8, 9)
	if !slices.Equal(vals, []string{"h", "i", "j"}) || errors.Join(errs...) != nil {
		t.Fatalf("values %q, errors %v", vals, errs)
	}
	if len(f.calls) != 1 || !slices.Equal(f.calls[0], []int{7, 8, 9}) {
		t.Fatalf("fetches %v, want one batch", f.calls)
	}
}

func TestKeyedFailedFetchIsNotRepeatedBySiblings(t *testing.T) {
	f := &fetchLog{err: errors.New("database gone")}
	k := newKeyed(f.fetch)
	k.Expect(1, 2, 3)
	_, errs := loadAll(k, 1, 2, 3)
	for i, err := range errs {
		if !errors.Is(err, f.err) {
			t.Fatalf("load %d: error %v, want the fetch's", i, err)
		}
	}
	if _, err := k.LoadAll(context.Background(), []int{1, 3}); !errors.Is(err, f.err) {
		t.Fatalf("LoadAll error %v, want the fetch's", err)
	}
	if len(f.calls) != 1 {
		t.Fatalf("fetches %v, want the one that failed", f.calls)
	}
}

// TestGroupRows: rows ordered by parent and rows in any order group alike.
func TestGroupRows(t *testing.T) {
	type row struct{ parent, id int }
	parentOf := func(r row) int { return r.parent }
	for _, rows := range [][]row{
		{{1, 10}, {1, 11}, {2, 20}, {3, 30}, {3, 31}},
		{{1, 10}, {2, 20}, {1, 11}, {3, 30}, {3, 31}},
		{{3, 30}, {1, 10}, {3, 31}, {2, 20}, {1, 11}},
	} {
		got := groupRows(slices.Clone(rows), parentOf, 3)
		want := map[int][]row{}
		for _, r := range rows {
			want[r.parent] = append(want[r.parent], r)
		}
		if len(got) != len(want) {
			t.Fatalf("%v: %d parents, want %d", rows, len(got), len(want))
		}
		for p, w := range want {
			if !slices.Equal(got[p], w) {
				t.Errorf("%v: parent %d got %v, want %v", rows, p, got[p], w)
			}
		}
		// A parent's rows can grow without touching its neighbours'.
		_ = append(got[1], row{1, 99})
		if !slices.Equal(got[2], want[2]) {
			t.Errorf("%v: appending to parent 1 changed parent 2: %v", rows, got[2])
		}
	}
	if got := groupRows([]row(nil), parentOf, 0); len(got) != 0 {
		t.Errorf("no rows: %v", got)
	}
}

// TestExpectSet: one key without a map, more with one, deletions of either.
func TestExpectSet(t *testing.T) {
	var s expectSet[int]
	s.add(7, 1)
	s.add(7, 1)
	if !s.has(7) || s.has(8) || len(slices.Collect(s.all())) != 1 || s.more != nil {
		t.Fatalf("one key: %+v", s)
	}
	s.add(8, 2)
	s.add(9, 2)
	if !s.has(8) || !s.has(9) || len(slices.Collect(s.all())) != 3 {
		t.Fatalf("three keys: %+v", s)
	}
	s.del(7)
	s.del(9)
	s.add(10, 1)
	if got := slices.Sorted(s.all()); !slices.Equal(got, []int{8, 10}) || s.has(7) || s.has(9) {
		t.Fatalf("after deletions: %v", got)
	}
}
