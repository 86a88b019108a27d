package download

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"time"
)

// Result is a delivered service tags file.
type Result struct {
	// Body is the raw JSON. Callers must not modify it: Loader shares it between callers.
	Body []byte
	// Source is where it came from: the URL (with its dated file name when discovered) or the local path.
	Source string
	// FromCache is true when the body came from the disk cache (fresh, revalidated or stale).
	FromCache bool
	// Warnings are problems that did not stop the fetch, e.g. a stale cache copy was used.
	Warnings []string
}

// Fetch delivers the service tags file described by o: the pinned file or URL if set,
// otherwise this week's file for o.Cloud, consulting the disk cache first when enabled.
func Fetch(ctx context.Context, o Options) (*Result, error) {
	o, err := o.withDefaults()
	if err != nil {
		return nil, err
	}
	f, err := newFetcher(o)
	if err != nil {
		return nil, err
	}
	return f.fetch(ctx, o.Cloud, false, nil)
}

// fetcher holds what one set of Options needs across fetches (the HTTP client above all).
type fetcher struct {
	o     Options
	g     *getter
	base  *url.URL
	cache *diskCache
}

// newFetcher expects o to have its defaults applied.
func newFetcher(o Options) (*fetcher, error) {
	base, err := url.Parse(o.Endpoints.DownloadBase)
	if err != nil || base.Host == "" || base.Opaque != "" {
		return nil, fmt.Errorf("download base %q is not an absolute URL", o.Endpoints.DownloadBase)
	}
	if base.Scheme != "https" && (base.Scheme != "http" || !isLoopbackHost(base.Hostname())) {
		return nil, fmt.Errorf("download base %q must use https", o.Endpoints.DownloadBase)
	}
	if o.URL != "" {
		if err := validatePinnedURL(o.URL); err != nil {
			return nil, err
		}
	}
	f := &fetcher{o: o, g: newGetter(o), base: base}
	if o.cacheEnabled() {
		f.cache = &diskCache{dir: o.CacheDir, o: o}
	}
	return f, nil
}

// fetch does the work of Fetch for one cloud. skipCache discards the cached entry first and
// downloads afresh; Loader uses it when a cached body does not parse. accept, when set, checks
// a freshly downloaded body before it replaces the cached copy: a body it rejects is never
// cached, and the last good copy is used instead (with a warning), as on a network failure.
func (f *fetcher) fetch(ctx context.Context, cloud string, skipCache bool, accept func([]byte) error) (*Result, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	start := time.Now()
	if f.o.File != "" {
		return f.readPinnedFile(ctx, f.o.File)
	}

	var (
		key, what string
		c         cloudInfo
	)
	if f.o.URL != "" {
		key, what = cacheKeyForURL(f.o.URL), "service_tags_url "+f.o.URL
	} else {
		var err error
		if c, err = lookupCloud(cloud); err != nil {
			return nil, err
		}
		key, what = cacheKeyForCloud(c.Name), "cloud "+c.Name
	}

	var cached *cacheEntry
	if f.cache != nil {
		if skipCache {
			f.cache.remove(key)
		} else {
			cached = f.cache.load(ctx, key)
		}
	}
	now := f.o.Now()
	if cached != nil {
		age := now.Sub(cached.meta.FetchedAt)
		// A fetched_at in the future (clock skew, tampering) is treated as stale, not fresh.
		if age >= 0 && age < f.o.CacheTTL {
			f.o.logf(ctx, "service tags: cache hit", map[string]any{
				"key": key, "source": cached.meta.Source, "bytes": len(cached.body), "age": age.String(),
			})
			return &Result{Body: cached.body, Source: cached.meta.Source, FromCache: true}, nil
		}
		f.o.logf(ctx, "service tags: cache entry expired, revalidating", map[string]any{
			"key": key, "source": cached.meta.Source, "age": age.String(),
		})
	}

	var (
		resp *response
		err  error
	)
	// Retries and discovery steps each respect RequestTimeout; this bounds them all together,
	// so a black-holed network fails (or falls back to the cache) in minutes, not a quarter hour.
	netCtx, cancel := context.WithTimeout(ctx, f.o.overallTimeout())
	defer cancel()
	if f.o.URL != "" {
		resp, err = f.fetchFile(netCtx, f.o.URL, cached)
	} else {
		resp, err = f.discover(netCtx, c, cached)
	}
	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			// Ctrl-C means stop, not "fall back to something old".
			return nil, fmt.Errorf("downloading the service tags for %s was interrupted: %w", what, ctxErr)
		}
		if netCtx.Err() != nil {
			err = fmt.Errorf("gave up after %s in all (%d × request_timeout): %w", f.o.overallTimeout(), overallTimeoutFactor, err)
		}
		if cached == nil {
			return nil, err
		}
		return f.staleCopy(ctx, key, what, cached, now, err), nil
	}

	res := &Result{}
	if resp.Status == http.StatusNotModified {
		cached.meta.FetchedAt = now
		if resp.ETag != "" {
			cached.meta.ETag = resp.ETag
		}
		if resp.LastModified != "" {
			cached.meta.LastModified = resp.LastModified
		}
		if err := f.cache.writeMeta(key, cached.meta); err != nil {
			res.Warnings = append(res.Warnings, cacheWriteWarning(f.o.CacheDir, err))
		}
		res.Body, res.Source, res.FromCache = cached.body, cached.meta.Source, true
		f.o.logf(ctx, "service tags: cache revalidated (304 Not Modified)", map[string]any{
			"key": key, "source": res.Source, "bytes": len(res.Body), "duration_ms": time.Since(start).Milliseconds(),
		})
		return res, nil
	}

	if accept != nil {
		if err := accept(resp.Body); err != nil {
			err = fmt.Errorf("parsing the service tags from %s: %w", resp.FinalURL, err)
			if cached == nil {
				return nil, err
			}
			return f.staleCopy(ctx, key, what, cached, now, err), nil
		}
	}
	res.Body, res.Source = resp.Body, resp.FinalURL
	if f.cache != nil {
		e := &cacheEntry{body: resp.Body, meta: cacheMeta{
			URL: resp.URL, Source: resp.FinalURL, ETag: resp.ETag, LastModified: resp.LastModified, FetchedAt: now,
		}}
		if err := f.cache.store(key, e); err != nil {
			res.Warnings = append(res.Warnings, cacheWriteWarning(f.o.CacheDir, err))
			f.o.logf(ctx, "service tags: cache write failed", map[string]any{"dir": f.o.CacheDir, "error": err.Error()})
		}
	}
	f.o.logf(ctx, "service tags: downloaded", map[string]any{
		"key": key, "source": res.Source, "bytes": len(res.Body), "duration_ms": time.Since(start).Milliseconds(),
	})
	return res, nil
}

// staleCopy answers with the cached copy, of any age, when getting a fresh one failed, and
// says so in a warning that names the copy's age and source.
func (f *fetcher) staleCopy(ctx context.Context, key, what string, cached *cacheEntry, now time.Time, cause error) *Result {
	age := now.Sub(cached.meta.FetchedAt)
	warn := fmt.Sprintf("could not download the service tags for %s: network failed (%v); using the cached copy downloaded %s from %s",
		what, cause, humanAge(age), cached.meta.Source)
	f.o.logf(ctx, "service tags: using stale cache", map[string]any{"key": key, "source": cached.meta.Source, "age": age.String(), "error": cause.Error()})
	return &Result{Body: cached.body, Source: cached.meta.Source, FromCache: true, Warnings: []string{warn}}
}

// cacheWriteWarning explains a cache that could not be written; the download itself worked.
func cacheWriteWarning(dir string, err error) string {
	return fmt.Sprintf("could not write the service tags disk cache in %s (%v); continuing without caching", dir, err)
}

// humanAge renders a cache age the way a person would say it: "3 days ago".
func humanAge(d time.Duration) string {
	plural := func(n int64, unit string) string {
		if n == 1 {
			return fmt.Sprintf("1 %s ago", unit)
		}
		return fmt.Sprintf("%d %ss ago", n, unit)
	}
	switch {
	case d < 0:
		return "at an unknown time (its timestamp is in the future)"
	case d < time.Minute:
		return "less than a minute ago"
	case d < time.Hour:
		return plural(int64(d/time.Minute), "minute")
	case d < 48*time.Hour:
		return plural(int64(d/time.Hour), "hour")
	default:
		return plural(int64(d/(24*time.Hour)), "day")
	}
}
