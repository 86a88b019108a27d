package cidrset

import (
	"context"
	"errors"
	"math/rand/v2"
	"sync/atomic"
	"testing"
)

// countingContext is a context that is cancelled from its nth look on, so a test can tell
// how often the solver looks and that it stops as soon as it sees the end.
type countingContext struct {
	context.Context
	looks, cancelAt atomic.Int64
}

func (c *countingContext) Err() error {
	if c.looks.Add(1) >= c.cancelAt.Load() {
		return context.Canceled
	}
	return nil
}

// TestCompactLooksAtContext: with a large limit the dynamic program is quadratic (100,000
// prefixes at limit 50,000 ran for seconds), so the solver must look at the context
// throughout, and return the context's error once it ends.
func TestCompactLooksAtContext(t *testing.T) {
	in := randomIPv4(rand.New(rand.NewPCG(1, 100000)), 20000)
	never := &countingContext{Context: t.Context()}
	never.cancelAt.Store(1 << 62)
	if _, err := Compact(never, in, 5000, nil); err != nil {
		t.Fatal(err)
	}
	looks := never.looks.Load()
	// One look per trie node at least, and more inside the large convolutions near the root.
	if looks < int64(len(Merge(in))) {
		t.Fatalf("the solver looked at the context %d times for %d prefixes", looks, len(Merge(in)))
	}
	for _, at := range []int64{1, looks / 2, looks} {
		ctx := &countingContext{Context: t.Context()}
		ctx.cancelAt.Store(at)
		_, err := Compact(ctx, in, 5000, nil)
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("cancelled at look %d of %d: %v, want context.Canceled", at, looks, err)
		}
		if got := ctx.looks.Load(); got != at {
			t.Fatalf("cancelled at look %d: the solver looked %d times, it must stop at once", at, got)
		}
	}
}
