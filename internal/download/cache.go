package download

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// cacheVersion is bumped if the metadata layout ever changes; other versions are ignored.
const cacheVersion = 1

// cacheMeta is the small JSON file written next to each cached body.
type cacheMeta struct {
	Version      int       `json:"version"`
	URL          string    `json:"url"`    // the address requested; revalidation goes there
	Source       string    `json:"source"` // the address that answered (after redirects), shown to users
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"last_modified,omitempty"`
	FetchedAt    time.Time `json:"fetched_at"`
	SHA256       string    `json:"sha256"`
	Size         int64     `json:"size"`
}

// cacheEntry is a verified cached copy.
type cacheEntry struct {
	meta cacheMeta
	body []byte
}

// diskCache keeps one body+metadata pair per key in a folder that several processes may share.
type diskCache struct {
	dir string
	o   Options
}

// cacheKeyForCloud names the entry of a discovered cloud.
func cacheKeyForCloud(cloud string) string {
	return strings.ToLower(cloud)
}

// cacheKeyForURL names the entry of a pinned URL; hashing keeps the file name safe.
func cacheKeyForURL(u string) string {
	sum := sha256.Sum256([]byte(u))
	return "url-" + hex.EncodeToString(sum[:8])
}

func (c diskCache) bodyPath(key string) string {
	return filepath.Join(c.dir, "servicetags-"+key+".json")
}

func (c diskCache) metaPath(key string) string {
	return filepath.Join(c.dir, "servicetags-"+key+".meta.json")
}

// load returns the verified entry for key, or nil when there is none or it is unusable.
// A damaged entry is only logged: the cache is an optimisation and never a reason to fail.
func (c diskCache) load(ctx context.Context, key string) *cacheEntry {
	e, err := c.read(key)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) || e != nil {
			c.o.logf(ctx, "service tags: ignoring unusable cache entry", map[string]any{"key": key, "dir": c.dir, "reason": err.Error()})
		} else {
			c.o.logf(ctx, "service tags: cache miss", map[string]any{"key": key, "dir": c.dir})
		}
		return nil
	}
	return e
}

// read loads and verifies an entry. A missing metadata file is a plain miss (fs.ErrNotExist
// with a nil entry); everything else wrong is an error.
func (c diskCache) read(key string) (*cacheEntry, error) {
	raw, err := os.ReadFile(c.metaPath(key))
	if err != nil {
		return nil, err
	}
	var m cacheMeta
	if err := json.Unmarshal(raw, &m); err != nil {
		return &cacheEntry{}, fmt.Errorf("metadata is not valid JSON: %w", err)
	}
	switch {
	case m.Version != cacheVersion:
		return &cacheEntry{}, fmt.Errorf("metadata version %d, want %d", m.Version, cacheVersion)
	case m.URL == "" || m.SHA256 == "" || m.FetchedAt.IsZero():
		return &cacheEntry{}, errors.New("metadata is incomplete")
	case m.Size <= 0 || m.Size > c.o.MaxBytes:
		return &cacheEntry{}, fmt.Errorf("recorded size %d is outside 1..%d", m.Size, c.o.MaxBytes)
	}
	body, err := readFileCapped(c.bodyPath(key), c.o.MaxBytes)
	if err != nil {
		// The body may be missing even though the metadata exists; that is damage, not a miss.
		return &cacheEntry{}, fmt.Errorf("body: %w", err)
	}
	if int64(len(body)) != m.Size {
		return &cacheEntry{}, fmt.Errorf("body has %d bytes, metadata says %d", len(body), m.Size)
	}
	sum := sha256.Sum256(body)
	if hex.EncodeToString(sum[:]) != m.SHA256 {
		return &cacheEntry{}, errors.New("body sha256 does not match the metadata")
	}
	if err := checkJSONBody(body, c.o.MaxBytes, c.bodyPath(key)); err != nil {
		return &cacheEntry{}, err
	}
	if m.Source == "" {
		m.Source = m.URL
	}
	return &cacheEntry{meta: m, body: body}, nil
}

// store writes body then metadata, each atomically, so a reader sees either the old pair, the
// new pair, or (mid-update) a mismatch that the sha256 check rejects.
func (c diskCache) store(key string, e *cacheEntry) error {
	if err := os.MkdirAll(c.dir, 0o700); err != nil {
		return err
	}
	sum := sha256.Sum256(e.body)
	e.meta.Version = cacheVersion
	e.meta.SHA256 = hex.EncodeToString(sum[:])
	e.meta.Size = int64(len(e.body))
	if err := writeAtomic(c.bodyPath(key), e.body); err != nil {
		return err
	}
	return c.writeMeta(key, e.meta)
}

// writeMeta replaces only the metadata, e.g. after a 304 refreshed fetched_at.
func (c diskCache) writeMeta(key string, m cacheMeta) error {
	raw, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	return writeAtomic(c.metaPath(key), raw)
}

// remove deletes an entry, e.g. one whose body no longer parses.
func (c diskCache) remove(key string) {
	_ = os.Remove(c.metaPath(key)) // metadata first, so no reader pairs it with a missing body
	_ = os.Remove(c.bodyPath(key))
}

// writeAtomic writes a temp file in the same folder, flushes it to disk and renames it over
// the target, so no reader ever sees a partial file.
func writeAtomic(path string, data []byte) (err error) {
	f, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			_ = os.Remove(tmp)
		}
	}()
	if _, err = f.Write(data); err != nil {
		_ = f.Close()
		return err
	}
	if err = f.Sync(); err != nil {
		_ = f.Close()
		return err
	}
	if closeErr := f.Close(); closeErr != nil {
		err = closeErr
		return err
	}
	err = os.Rename(tmp, path)
	return err
}

// readFileCapped reads a file, refusing to hold more than limit+1 bytes of it.
func readFileCapped(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	hint := int64(-1)
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
		hint = st.Size()
	}
	return readCapped(f, limit, hint)
}
