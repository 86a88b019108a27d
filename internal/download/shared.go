package download

import (
	"context"
	"slices"
)

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
	// flight is what one shared load hands its waiters. A load that stopped because the caller
	// running it was cancelled is run again by any waiter whose context is still live.
	type flight struct {
		res       *Loaded // nil when nothing was gathered
		cancelled bool
	}
	for {
		ch := l.flights.DoChan(t.key, func() (any, error) {
			res, err := l.loadOnce(ctx, t)
			return flight{res, err != nil && ctx.Err() != nil}, err
		})
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case r := <-ch:
			f, _ := r.Val.(flight) // the only type the flight returns
			if f.cancelled && ctx.Err() == nil {
				continue // someone else's Ctrl-C; ours is still wanted
			}
			return f.res.clone(), r.Err
		}
	}
}

// loadOnce loads unless a success arrived meanwhile, and remembers a success.
func (l *Loader) loadOnce(ctx context.Context, t target) (*Loaded, error) {
	if v, ok := l.done.Load(t.key); ok {
		done := v.(*Loaded)
		l.o.logf(ctx, "service tags: already loaded in this process", map[string]any{"key": t.key, "source": done.Source})
		return done, nil
	}
	res, err := l.load(ctx, t)
	if err == nil {
		l.done.Store(t.key, res)
	}
	return res, err
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
