package download

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"golang.org/x/sync/singleflight"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/servicetags"
)

// Loader delivers parsed service tags files. One Loader serves a provider process: it shares
// one download and one parse per cloud among concurrent callers and remembers successes for
// the life of the process; failures are not remembered, so a later call tries again.
type Loader struct {
	o       Options
	initErr error
	http    *client
	base    *url.URL                                // the download host; every discovered link must be on it
	parse   func([]byte) (*servicetags.File, error) // servicetags.Parse; tests count the calls

	flights singleflight.Group
	done    sync.Map // target key → *Loaded of a successful load
}

// Loaded is one delivered file.
type Loaded struct {
	// File is the parsed file. It is shared between callers and must not be modified.
	File *servicetags.File
	// Source is where it came from: the URL without credentials (with its dated file name when
	// discovered), or the local path.
	Source string
	// FromCache is true when it came from the disk cache (fresh, revalidated or stale).
	FromCache bool
	// Warnings are problems that did not stop the load, e.g. a stale cached copy was used.
	// When Load fails, a non-nil Loaded carries only these, to show next to the error.
	Warnings []Warning
}

// NewLoader returns a Loader for o. Mistakes in o are reported by every Load.
func NewLoader(o Options) *Loader {
	l := &Loader{parse: servicetags.Parse}
	if l.o, l.initErr = o.withDefaults(); l.initErr != nil {
		return l
	}
	l.http = newClient(l.o)
	l.base, l.initErr = parseSecureURL("download base", l.o.Endpoints.DownloadBase)
	return l
}

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
		l.o.Log(ctx, "service tags: already loaded in this process", map[string]any{"key": t.key, "source": done.Source})
		return done, nil
	}
	res, err := l.load(ctx, t)
	if err == nil {
		l.done.Store(t.key, res)
	}
	return res, err
}

// clone gives each caller its own Loaded (the File stays shared).
func (out *Loaded) clone() *Loaded {
	if out == nil {
		return nil
	}
	c := *out
	c.Warnings = slices.Clone(out.Warnings)
	return &c
}

// load gets one file in the design's steps: a trusted cached copy still within its TTL
// answers at once; otherwise resolve the URL (the pinned one, or by discovery) and get it,
// revalidating the cached copy where the server allows; parse; commit to the cache. When that
// fails, a cached copy no older than MaxStaleAge answers with a warning.
func (l *Loader) load(ctx context.Context, t target) (*Loaded, error) {
	if l.o.File != "" {
		return l.readPinnedFile(ctx, t)
	}
	out := &Loaded{}
	cache, cached := l.readCache(ctx, t, out)
	now := l.o.Now()
	if cached != nil {
		// A fetched_at in the future (clock skew) is not fresh: it is revalidated.
		if age := now.Sub(cached.meta.FetchedAt); age >= 0 && age < l.o.CacheTTL {
			l.o.Log(ctx, "service tags: cache hit", map[string]any{"key": t.key, "source": cached.meta.Source, "bytes": len(cached.body), "age": age.String()})
			return out.with(cached, true), nil
		}
	}

	start := time.Now()
	got, err := l.resolveAndGet(ctx, t, cached)
	if err == nil && !got.notModified {
		got.file, err = l.parseBody(got.body, got.meta.Source, "the server's Content-Length may be wrong, or the download was cut")
	}
	if err == nil {
		err = t.checkCloud(got)
	}
	if err != nil {
		return l.fallBack(ctx, t, cached, err, out)
	}
	if cached != nil && got.file.ChangeNumber < cached.file.ChangeNumber {
		out.warnRollback(got, cached, now)
	}
	l.commit(ctx, cache, t.key, got, out)
	l.o.Log(ctx, "service tags: delivered", map[string]any{
		"key": t.key, "source": got.meta.Source, "bytes": len(got.body), "revalidated": got.notModified,
		"change_number": got.file.ChangeNumber, "duration_ms": time.Since(start).Milliseconds(),
	})
	return out.with(got, got.notModified), nil
}

// resolveAndGet finds the file's URL and gets it, all within one budget of
// overallTimeoutFactor request timeouts.
func (l *Loader) resolveAndGet(ctx context.Context, t target, cached *fileCopy) (got *fileCopy, err error) {
	budget := overallTimeoutFactor * l.o.RequestTimeout
	netCtx, cancel := context.WithTimeout(ctx, budget)
	defer cancel()
	get := l.getter(cached)
	if l.o.URL != "" {
		got, err = get(netCtx, l.o.URL)
	} else {
		got, err = l.discover(netCtx, t.cloud, get)
	}
	if err != nil && ctx.Err() == nil && netCtx.Err() != nil {
		err = fmt.Errorf("gave up after %s in all (%d × request_timeout): %w", budget, overallTimeoutFactor, err)
	}
	return got, err
}

// fallBack answers a failed download with the cached copy when it is no older than
// MaxStaleAge, with a warning naming its age; a Ctrl-C means stop, never "use something old".
// A failure still returns out, whose warnings (an untrusted cache, say) explain it.
func (l *Loader) fallBack(ctx context.Context, t target, cached *fileCopy, cause error, out *Loaded) (*Loaded, error) {
	if ctxErr := ctx.Err(); ctxErr != nil {
		return out, fmt.Errorf("downloading the service tags for %s was interrupted: %w", t.what, ctxErr)
	}
	if cached == nil {
		return out, cause
	}
	age, limit := l.o.Now().Sub(cached.meta.FetchedAt), l.o.MaxStaleAge
	if age < 0 || limit < 0 || age > limit {
		return out, staleRefused(cause, cached, age, limit)
	}
	l.o.Log(ctx, "service tags: using stale cache", map[string]any{"key": t.key, "source": cached.meta.Source, "age": age.String(), "error": cause.Error()})
	out.warnStale(t.what, cause, cached, age, limit)
	return out.with(cached, true), nil
}

// readPinnedFile serves service_tags_file: read under the size cap, decoded and parsed.
func (l *Loader) readPinnedFile(ctx context.Context, t target) (*Loaded, error) {
	start := time.Now()
	raw, err := readFileCapped(l.o.File, l.o.MaxBytes)
	if err != nil {
		if wd, wdErr := os.Getwd(); wdErr == nil && !filepath.IsAbs(l.o.File) && errors.Is(err, fs.ErrNotExist) {
			// The provider runs in Terraform's working directory, not the module's.
			return nil, fmt.Errorf("reading %s: %w; the relative path was resolved against %s, the directory Terraform runs in "+
				"(write an absolute path, or one built from path.root or path.module)", t.what, err, wd)
		}
		return nil, fmt.Errorf("reading %s: %w", t.what, err)
	}
	body, err := decodeBody(raw, l.o.MaxBytes, t.what)
	if err != nil {
		return nil, err
	}
	file, err := l.parseBody(body, t.what, "the file is incomplete (an interrupted copy?)")
	if err != nil {
		return nil, err
	}
	l.o.Log(ctx, "service tags: read pinned file", map[string]any{
		"source": l.o.File, "bytes": len(raw), "json_bytes": len(body), "duration_ms": time.Since(start).Milliseconds(),
	})
	return &Loaded{File: file, Source: l.o.File}, nil
}

// with fills in the file a load delivers.
func (out *Loaded) with(c *fileCopy, fromCache bool) *Loaded {
	out.File, out.Source, out.FromCache = c.file, c.meta.Source, fromCache
	return out
}
