package download

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"golang.org/x/sync/singleflight"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/servicetags"
)

// Loader delivers parsed service tags files. One Loader serves a provider process: it shares
// one download and one parse per cloud among concurrent callers and remembers successes for
// the life of the process; failures are not remembered, so a later call tries again.
type Loader struct {
	o         Options
	initErr   error
	http      *client
	discovery *discovery
	parse     func([]byte) (*servicetags.File, error) // servicetags.Parse; tests count the calls

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
	base, err := parseSecureURL("download base", l.o.Endpoints.DownloadBase)
	l.discovery, l.initErr = &discovery{o: l.o, http: l.http, base: base}, err
	return l
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
			l.o.logf(ctx, "service tags: cache hit", map[string]any{"key": t.key, "source": cached.meta.Source, "bytes": len(cached.body), "age": age.String()})
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
	l.o.logf(ctx, "service tags: delivered", map[string]any{
		"key": t.key, "source": got.meta.Source, "bytes": len(got.body), "revalidated": got.notModified,
		"change_number": got.file.ChangeNumber, "duration_ms": time.Since(start).Milliseconds(),
	})
	return out.with(got, got.notModified), nil
}

// resolveAndGet finds the file's URL and gets it, all within one budget of
// overallTimeoutFactor request timeouts.
func (l *Loader) resolveAndGet(ctx context.Context, t target, cached *fileCopy) (*fileCopy, error) {
	budget := overallTimeoutFactor * l.o.RequestTimeout
	netCtx, cancel := context.WithTimeout(ctx, budget)
	defer cancel()
	get := l.getter(cached)
	var (
		got *fileCopy
		err error
	)
	if l.o.URL != "" {
		got, err = get(netCtx, l.o.URL)
	} else {
		got, err = l.discovery.find(netCtx, t.cloud, get)
	}
	if err != nil && ctx.Err() == nil && netCtx.Err() != nil {
		err = fmt.Errorf("gave up after %s in all (%d × request_timeout): %w", budget, overallTimeoutFactor, err)
	}
	return got, err
}

// commit writes a new copy, or the refreshed metadata of a revalidated one, to the cache.
func (l *Loader) commit(ctx context.Context, cache *diskCache, key string, got *fileCopy, out *Loaded) {
	if cache == nil {
		return
	}
	if err := cache.write(key, got); err != nil {
		out.warnCacheWrite(cache.dir, err)
		l.o.logf(ctx, "service tags: cache write failed", map[string]any{"dir": cache.dir, "error": err.Error()})
	}
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
	l.o.logf(ctx, "service tags: using stale cache", map[string]any{"key": t.key, "source": cached.meta.Source, "age": age.String(), "error": cause.Error()})
	out.warnStale(t.what, cause, cached, age, limit)
	return out.with(cached, true), nil
}

// readCache returns the disk cache (nil when it is disabled or its folder cannot be used) and
// the cached copy for t when it is trusted and parses, else nil. A folder or entry someone else
// could have written is a warning; a damaged entry is only logged, since the cache is an
// optimisation and never a reason to fail.
func (l *Loader) readCache(ctx context.Context, t target, out *Loaded) (*diskCache, *fileCopy) {
	if l.o.CacheDir == "" || l.o.CacheTTL <= 0 {
		return nil, nil
	}
	cache, err := openCacheDir(l.o.CacheDir, l.o.MaxBytes)
	if err != nil {
		if ue, ok := errors.AsType[*untrustedError](err); ok {
			out.warnUntrustedFolder(ue)
		} else {
			out.warnCacheWrite(l.o.CacheDir, err)
		}
		l.o.logf(ctx, "service tags: not using the disk cache", map[string]any{"dir": l.o.CacheDir, "error": err.Error()})
		return nil, nil
	}
	e, err := cache.read(t.key)
	if e != nil {
		if reason := t.refuses(e.meta); reason != "" {
			err = &untrustedError{path: cache.metaPath(t.key), reason: reason}
		} else if e.file, err = l.parse(e.body); err == nil && e.file.ChangeNumber != e.meta.ChangeNumber {
			err = fmt.Errorf("the body has change number %d, the metadata %d", e.file.ChangeNumber, e.meta.ChangeNumber)
		} else if err == nil {
			err = t.checkCloud(e)
		}
	}
	fields := map[string]any{"key": t.key, "dir": cache.dir}
	var ue *untrustedError
	switch {
	case errors.As(err, &ue):
		out.warnUntrustedEntry(ue)
	case err != nil:
		fields["reason"] = err.Error()
		l.o.logf(ctx, "service tags: ignoring unusable cache entry", fields)
	case e == nil:
		l.o.logf(ctx, "service tags: cache miss", fields)
	default:
		return cache, e
	}
	return cache, nil
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
	l.o.logf(ctx, "service tags: read pinned file", map[string]any{
		"source": l.o.File, "bytes": len(raw), "json_bytes": len(body), "duration_ms": time.Since(start).Milliseconds(),
	})
	return &Loaded{File: file, Source: l.o.File}, nil
}

// with fills in the file a load delivers.
func (out *Loaded) with(c *fileCopy, fromCache bool) *Loaded {
	out.File, out.Source, out.FromCache = c.file, c.meta.Source, fromCache
	return out
}
