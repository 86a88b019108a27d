package download

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"

	"golang.org/x/sync/singleflight"
)

// pinnedKey is the single Loader key when the file is pinned: it serves whatever cloud it holds.
const pinnedKey = "pinned"

// Loader shares one fetch and one parse per key among concurrent callers in a process and
// remembers successes for the life of the process; failures are not remembered, so a later
// call tries again. The key is the cloud when discovering, and a single key when pinned.
type Loader[T any] struct {
	o     Options
	parse func([]byte) (T, error)

	initOnce sync.Once
	f        *fetcher
	initErr  error

	group singleflight.Group
	mu    sync.Mutex
	done  map[string]*loaded[T]
}

// loaded is one memoised success.
type loaded[T any] struct {
	val T
	res *Result
}

// leaderCanceled marks a shared load that stopped because the caller running it was
// cancelled; other waiters whose context is still live start their own load.
type leaderCanceled struct{ err error }

func (e *leaderCanceled) Error() string { return e.err.Error() }
func (e *leaderCanceled) Unwrap() error { return e.err }

// NewLoader returns a Loader that fetches with o and turns bodies into T with parse.
// Option errors are reported by Load.
func NewLoader[T any](o Options, parse func([]byte) (T, error)) *Loader[T] {
	return &Loader[T]{o: o, parse: parse, done: map[string]*loaded[T]{}}
}

// Load returns the parsed file for cloud ("" means Options.Cloud), with the Result it came
// from. The Result and its Body are shared between callers and must not be modified.
func (l *Loader[T]) Load(ctx context.Context, cloud string) (T, *Result, error) {
	var zero T
	l.initOnce.Do(func() {
		o, err := l.o.withDefaults()
		if err != nil {
			l.initErr = err
			return
		}
		l.o = o
		l.f, l.initErr = newFetcher(o)
	})
	if l.initErr != nil {
		return zero, nil, l.initErr
	}

	key := pinnedKey
	if !l.o.Pinned() {
		if cloud == "" {
			cloud = l.o.Cloud
		}
		c, err := lookupCloud(cloud)
		if err != nil {
			return zero, nil, err
		}
		cloud, key = c.Name, c.Name
	}
	if e := l.memo(key); e != nil {
		l.o.logf(ctx, "service tags: already loaded in this process", map[string]any{"key": key, "source": e.res.Source})
		return e.val, cloneResult(e.res), nil
	}

	for {
		ch := l.group.DoChan(key, func() (any, error) {
			e, err := l.load(ctx, key, cloud)
			if err != nil && ctx.Err() != nil {
				return nil, &leaderCanceled{err: err}
			}
			return e, err
		})
		select {
		case <-ctx.Done():
			return zero, nil, ctx.Err()
		case r := <-ch:
			if r.Err != nil {
				var lc *leaderCanceled
				if errors.As(r.Err, &lc) {
					if ctx.Err() == nil {
						continue // someone else's Ctrl-C; ours is still wanted
					}
					return zero, nil, lc.err
				}
				return zero, nil, r.Err
			}
			e, ok := r.Val.(*loaded[T])
			if !ok {
				return zero, nil, fmt.Errorf("internal error: shared load returned %T", r.Val)
			}
			return e.val, cloneResult(e.res), nil
		}
	}
}

// memo returns the remembered success for key, if any.
func (l *Loader[T]) memo(key string) *loaded[T] {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.done[key]
}

// load fetches and parses once. A cached body that does not parse is discarded and one fresh
// download is tried, since a bad cache must never be sticky.
func (l *Loader[T]) load(ctx context.Context, key, cloud string) (*loaded[T], error) {
	if e := l.memo(key); e != nil {
		return e, nil
	}
	// A fresh download is parsed before it may replace the cached copy (see fetch), and that
	// parse is the one kept: bodies are parsed once whichever way they arrive.
	var (
		val    T
		parsed bool
	)
	accept := func(body []byte) error {
		v, err := l.parse(body)
		if err == nil {
			val, parsed = v, true
		}
		return err
	}
	res, err := l.f.fetch(ctx, cloud, false, accept)
	if err != nil {
		return nil, err
	}
	if !parsed {
		val, err = l.parse(res.Body)
	}
	if err != nil && res.FromCache && l.f.cache != nil {
		l.o.logf(ctx, "service tags: cached copy does not parse; discarding it and downloading again", map[string]any{
			"key": key, "source": res.Source, "error": err.Error(),
		})
		cachedSource, cachedErr := res.Source, err
		res, err = l.f.fetch(ctx, cloud, true, accept)
		if err != nil {
			return nil, fmt.Errorf("the cached service tags from %s could not be parsed (%w) and downloading them again failed: %w", cachedSource, cachedErr, err)
		}
		if !parsed {
			val, err = l.parse(res.Body)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("parsing the service tags from %s: %w", res.Source, err)
	}
	e := &loaded[T]{val: val, res: res}
	l.mu.Lock()
	l.done[key] = e
	l.mu.Unlock()
	return e, nil
}

// cloneResult gives each caller its own Result (the Body bytes stay shared).
func cloneResult(r *Result) *Result {
	c := *r
	c.Warnings = slices.Clone(r.Warnings)
	return &c
}
