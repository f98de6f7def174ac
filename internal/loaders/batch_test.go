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
