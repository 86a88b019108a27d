package download

import (
	"bytes"
	"compress/gzip"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/testutil"
)

// gzSnapshot is the repository's gzip-compressed copy of a snapshot, as stored in testdata.
func gzSnapshot(t *testing.T, name string) (path string, raw []byte) {
	t.Helper()
	path = filepath.Join(testutil.SnapshotDir(), name+".gz")
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return path, raw
}

// gzipFile serves raw as a .json.gz file would be served: no Content-Encoding, so the client
// gets the compressed bytes.
func gzipFile(raw []byte) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/gzip")
		w.Header().Set("ETag", `"gz"`)
		_, _ = w.Write(raw)
	}
}

func TestGzipPinnedFile(t *testing.T) {
	t.Parallel()
	path, _ := gzSnapshot(t, testutil.PublicLatest)
	res := mustLoad(t, Options{File: path})
	wantFile(t, res, testutil.PublicLatest)
	if res.Source != path {
		t.Errorf("Source = %q", res.Source)
	}
}

func TestGzipPinnedURL(t *testing.T) {
	t.Parallel()
	_, raw := gzSnapshot(t, testutil.Government)
	f := newFakeMS(t)
	f.Handle("/ServiceTags_AzureGovernment_20260720.json.gz", gzipFile(raw))
	// Content-Encoding: gzip is undone by the transport itself; the cap counts what it yields.
	f.Handle("/encoded.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		_, _ = w.Write(raw)
	})
	wantFile(t, mustLoad(t, pinnedOptions(f, "/encoded.json")), testutil.Government)
	tooSmall := pinnedOptions(f, "/encoded.json")
	tooSmall.MaxBytes = int64(len(raw)) * 2
	_, err := load(t, tooSmall)
	mustContain(t, err, "size limit")

	o := cachedOptions(t, f)
	o.URL = f.URLOf("/ServiceTags_AzureGovernment_20260720.json.gz")
	wantFile(t, mustLoad(t, o), testutil.Government)
	// The cache keeps the JSON itself, so reading it back needs no decompression.
	if e := readEntry(t, o.CacheDir, cacheKeyForURL(o.URL)); !bytes.Equal(e.body, testutil.Snapshot(t, testutil.Government)) {
		t.Error("the cache does not hold the decompressed JSON")
	}
	res := mustLoad(t, o)
	wantFile(t, res, testutil.Government)
	if !res.FromCache {
		t.Error("second load missed the cache")
	}
}

// The size cap applies to the decompressed body: a 487 KB download of 4 MB of JSON is over a 1 MiB cap.
func TestGzipSizeCapAppliesAfterDecompression(t *testing.T) {
	t.Parallel()
	path, raw := gzSnapshot(t, testutil.PublicLatest)
	const limit = 1 << 20
	if len(raw) >= limit {
		t.Fatalf("the compressed snapshot (%d bytes) must be under the cap for this test", len(raw))
	}
	_, err := load(t, Options{File: path, MaxBytes: limit})
	mustContain(t, err, path, "decompressing the gzip body", "size limit", "more than "+strconv.Itoa(limit)+" bytes")
}

// A gzip bomb stops at the cap while decompressing: memory stays near the cap, not the bomb.
func TestGzipBombStopsAtTheCap(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = zw.Write([]byte("{"))
	chunk := bytes.Repeat([]byte(" "), 1<<20)
	for range 64 { // 64 MiB of JSON whitespace
		_, _ = zw.Write(chunk)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "bomb.json.gz")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}

	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err = load(t, Options{File: path, MaxBytes: 1 << 20})
	runtime.ReadMemStats(&after)
	mustContain(t, err, "decompressing the gzip body", "size limit")
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 16<<20 {
		t.Errorf("a %d-byte bomb made the reader allocate %d bytes; the cap is 1 MiB", buf.Len(), alloc)
	}
}

// A gzip body that is cut off or damaged is an error, from a file and from a URL alike.
func TestGzipTruncatedOrCorrupt(t *testing.T) {
	t.Parallel()
	_, raw := gzSnapshot(t, testutil.China)
	corrupt := bytes.Clone(raw)
	corrupt[len(corrupt)/2] ^= 0xff
	for name, body := range map[string][]byte{
		"truncated":         raw[:len(raw)/2],
		"corrupt":           corrupt,
		"checksum mismatch": append(bytes.Clone(raw[:len(raw)-8]), 0, 0, 0, 0, 0, 0, 0, 0),
		"header only":       raw[:2],
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "ServiceTags_China_20260720.json.gz")
			if err := os.WriteFile(path, body, 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := load(t, Options{File: path})
			mustContain(t, err, "service_tags_file "+path, "gzip")

			f := newFakeMS(t)
			f.Handle("/tags.json.gz", gzipFile(body))
			o := pinnedOptions(f, "/tags.json.gz")
			_, err = load(t, o)
			mustContain(t, err, o.URL, "gzip")
		})
	}
}
