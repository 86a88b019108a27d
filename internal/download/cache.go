package download

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// cacheVersion is bumped when the metadata layout changes; entries of other versions are ignored.
// Version 2 added change_number and stopped recording credentials.
const cacheVersion = 3

// metaLimit caps a metadata file; real ones are a few hundred bytes.
const metaLimit = 64 << 10

// cacheMeta is the small JSON file written next to each cached body. URLs in it are redacted.
type cacheMeta struct {
	Version      int       `json:"version"`
	URL          string    `json:"url"`        // the address requested, as shown (redacted)
	URLDigest    string    `json:"url_sha256"` // of the full address, credentials included: pins that differ only there differ
	Source       string    `json:"source"`     // the address that answered (after same-host redirects)
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"last_modified,omitempty"`
	FetchedAt    time.Time `json:"fetched_at"`
	ChangeNumber int64     `json:"change_number"`
	SHA256       string    `json:"sha256"` // catches a torn or damaged body, not tampering: trust comes from ownership
	Size         int64     `json:"size"`
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
			out.warnCacheUnusable(l.o.CacheDir, err)
		}
		l.o.Log(ctx, "service tags: not using the disk cache", map[string]any{"dir": l.o.CacheDir, "error": err.Error()})
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
		l.o.Log(ctx, "service tags: ignoring unusable cache entry", fields)
	case e == nil:
		l.o.Log(ctx, "service tags: cache miss", fields)
	default:
		return cache, e
	}
	return cache, nil
}

// commit writes a new copy, or the refreshed metadata of a revalidated one, to the cache.
func (l *Loader) commit(ctx context.Context, cache *diskCache, key string, got *fileCopy, out *Loaded) {
	if cache == nil {
		return
	}
	if err := cache.write(key, got); err != nil {
		out.warnCacheWrite(cache.dir, err)
		l.o.Log(ctx, "service tags: cache write failed", map[string]any{"dir": cache.dir, "error": err.Error()})
		return
	}
	if removed := cache.prune(key, l.o.Now().Add(-pruneAge(l.o.MaxStaleAge))); len(removed) > 0 {
		l.o.Log(ctx, "service tags: removed cache entries of pinned URLs no longer fetched", map[string]any{"dir": cache.dir, "keys": removed})
	}
}

// pruneAge is how long an entry of a pinned URL stays without being fetched or revalidated:
// max_stale_age, 14 days at least. An older entry can no longer stand in for a failed
// download, and a pin with a rotating token would otherwise add a 4 MB entry on every run.
func pruneAge(maxStaleAge time.Duration) time.Duration {
	return max(maxStaleAge, DefaultMaxStaleAge)
}

// prune removes the entries of pinned URLs, other than keep, last fetched or revalidated
// before cutoff, and returns their keys. The clouds' entries are a fixed few and always kept;
// entries it cannot read are left alone (a load warns about untrusted ones).
func (c *diskCache) prune(keep string, cutoff time.Time) []string {
	metas, _ := filepath.Glob(filepath.Join(c.dir, "servicetags-url-*.meta.json"))
	var removed []string
	for _, path := range metas {
		key := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(path), "servicetags-"), ".meta.json")
		if key == keep {
			continue
		}
		raw, err := readPrivateFile(path, metaLimit)
		var m cacheMeta
		if err != nil || json.Unmarshal(raw, &m) != nil || !m.FetchedAt.Before(cutoff) {
			continue
		}
		if os.Remove(path) == nil {
			_ = os.Remove(c.bodyPath(key))
			removed = append(removed, key)
		}
	}
	return removed
}

// diskCache keeps one body+metadata pair per key in a folder that several processes of the
// same user may share. It exists only for a folder that passed the trust check.
type diskCache struct {
	dir      string
	maxBytes int64
}

// cacheKeyForURL names the entry of a pinned URL: its digest keeps the file name safe.
func cacheKeyForURL(raw string) string {
	return "url-" + urlDigest(raw)[:16]
}

// urlDigest identifies a full URL, credentials and query included, without storing them: two
// pins that differ only in a token or a ?ref= value are different files.
func urlDigest(raw string) string {
	sum := sha256.Sum256([]byte(raw))
	return hex.EncodeToString(sum[:])
}

func (c *diskCache) bodyPath(key string) string {
	return filepath.Join(c.dir, "servicetags-"+key+".json")
}

func (c *diskCache) metaPath(key string) string {
	return filepath.Join(c.dir, "servicetags-"+key+".meta.json")
}

// read returns the entry for key, nil for a plain miss, an *untrustedError for an entry
// someone else could have written, or another error for a damaged entry.
func (c *diskCache) read(key string) (*fileCopy, error) {
	raw, err := readPrivateFile(c.metaPath(key), metaLimit)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var m cacheMeta
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, fmt.Errorf("metadata is not valid JSON: %w", err)
	}
	switch {
	case m.Version != cacheVersion:
		return nil, fmt.Errorf("metadata version %d, want %d", m.Version, cacheVersion)
	case m.URL == "" || m.URLDigest == "" || m.Source == "" || m.SHA256 == "" || m.FetchedAt.IsZero():
		return nil, errors.New("metadata is incomplete")
	}
	body, err := readPrivateFile(c.bodyPath(key), c.maxBytes)
	if err != nil {
		return nil, fmt.Errorf("body: %w", err) // a missing body next to its metadata is damage, not a miss
	}
	sum := sha256.Sum256(body)
	switch {
	case int64(len(body)) != m.Size:
		return nil, fmt.Errorf("body has %d bytes, metadata says %d", len(body), m.Size)
	case hex.EncodeToString(sum[:]) != m.SHA256:
		return nil, errors.New("body sha256 does not match the metadata")
	}
	return &fileCopy{meta: m, body: body}, nil
}

// write stores a parsed copy: body then metadata, each atomically, so a reader sees the old
// pair, the new pair, or (mid-update) a mismatch that the sha256 check rejects. A revalidated
// copy (a 304) only refreshes the metadata.
func (c *diskCache) write(key string, e *fileCopy) error {
	if !e.notModified {
		sum := sha256.Sum256(e.body)
		e.meta.Version = cacheVersion
		e.meta.ChangeNumber = e.file.ChangeNumber
		e.meta.SHA256 = hex.EncodeToString(sum[:])
		e.meta.Size = int64(len(e.body))
		if err := writeAtomic(c.bodyPath(key), e.body); err != nil {
			return err
		}
	}
	raw, err := json.MarshalIndent(e.meta, "", "  ")
	if err != nil {
		return err
	}
	return writeAtomic(c.metaPath(key), raw)
}

// writeAtomic writes a private temp file in the same folder, flushes it to disk and renames it
// over the target (replacing the entry itself, never following a planted link), so no reader
// ever sees a partial file.
func writeAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".tmp-*") // mode 0600
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if closeErr := f.Close(); err == nil {
		err = closeErr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		_ = os.Remove(f.Name())
	}
	return err
}
