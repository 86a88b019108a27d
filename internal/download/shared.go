package download

import (
	"context"
	"errors"
	"slices"
)

// leaderCanceled marks a shared load that stopped because the caller running it was
// cancelled; other waiters whose context is still live start their own load.
type leaderCanceled struct{ err error }

func (e *leaderCanceled) Error() string { return e.err.Error() }
func (e *leaderCanceled) Unwrap() error { return e.err }

// Load returns the file for cloud, a canonical name (servicetags.CloudPublic,
// CloudAzureGovernment, CloudChina; "" means Options.Cloud), which is ignored when the file
// is pinned. Concurrent calls for the same file share one load; a success is remembered.
func (l *Loader) Load(ctx context.Context, cloud string) (*Loaded, error) {
	if l.initErr != nil {
		return nil, l.initErr
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	t, err := l.target(cloud)
	if err != nil {
		return nil, err
	}
	for {
		ch := l.flights.DoChan(t.key, func() (any, error) {
			res, err := l.loadOnce(ctx, t)
			if err != nil && ctx.Err() != nil {
				return res, &leaderCanceled{err: err}
			}
			return res, err
		})
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case r := <-ch:
			var lc *leaderCanceled
			switch {
			case errors.As(r.Err, &lc) && ctx.Err() == nil:
				continue // someone else's Ctrl-C; ours is still wanted
			case lc != nil:
				r.Err = lc.err
			}
			res, _ := r.Val.(*Loaded) // the only type the flight returns; nil when nothing was gathered
			return res.clone(), r.Err
		}
	}
}

// loadOnce loads unless a success arrived meanwhile, and remembers a success.
func (l *Loader) loadOnce(ctx context.Context, t target) (*Loaded, error) {
	l.mu.Lock()
	done := l.done[t.key]
	l.mu.Unlock()
	if done != nil {
		l.o.logf(ctx, "service tags: already loaded in this process", map[string]any{"key": t.key, "source": done.Source})
		return done, nil
	}
	res, err := l.load(ctx, t)
	if err != nil {
		return res, err
	}
	l.mu.Lock()
	l.done[t.key] = res
	l.mu.Unlock()
	return res, nil
}

// clone gives each caller its own Loaded (the File stays shared).
func (r *Loaded) clone() *Loaded {
	if r == nil {
		return nil
	}
	c := *r
	c.Warnings = slices.Clone(r.Warnings)
	return &c
}
