package download

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"maps"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/testutil"
)

// cachedOptions is f.options with a fresh disk cache and a one-day TTL.
func cachedOptions(t *testing.T, f *fakeMS) Options {
	t.Helper()
	o := f.options()
	o.CacheDir = t.TempDir()
	o.CacheTTL = 24 * time.Hour
	return o
}

// at returns o with its clock moved to t.
func at(o Options, t time.Time) Options {
	o.Now = func() time.Time { return t }
	return o
}

// primeCache downloads once so the cache holds an entry fetched at o's clock.
func primeCache(t *testing.T, o Options) *Loaded {
	t.Helper()
	res := mustLoad(t, o)
	if res.FromCache {
		t.Fatal("first load came from the cache")
	}
	return res
}

// primedCache is a fakeMS serving the PublicLatest snapshot as the Latest file (ETag "v1"),
// and cachedOptions for it whose cache already holds that file, fetched at testNow.
func primedCache(t *testing.T) (*fakeMS, Options) {
	t.Helper()
	f := newFakeMS(t)
	f.Handle(latestPath, jsonFile(testutil.Snapshot(t, testutil.PublicLatest), `"v1"`))
	o := cachedOptions(t, f)
	primeCache(t, o)
	return f, o
}

// plant writes a cache entry as the cache would (mode 0600, version, size and sha256 filled
// in), without parsing the body: what another writer of the folder could leave there.
func plant(t *testing.T, dir, key string, m cacheMeta, body []byte) {
	t.Helper()
	c := &diskCache{dir: dir}
	sum := sha256.Sum256(body)
	m.Version, m.Size, m.SHA256 = cacheVersion, int64(len(body)), hex.EncodeToString(sum[:])
	if m.URLDigest == "" {
		m.URLDigest = urlDigest(m.URL) // as an attacker would: the URL is in the metadata
	}
	raw, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	for path, data := range map[string][]byte{c.bodyPath(key): body, c.metaPath(key): raw} {
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
}

// readEntry reads the cache entry for key, failing the test when there is none.
func readEntry(t *testing.T, dir, key string) *fileCopy {
	t.Helper()
	e, err := (&diskCache{dir: dir, maxBytes: defaultMaxBytes}).read(key)
	if err != nil || e == nil {
		t.Fatalf("cache entry %s: %v", key, err)
	}
	return e
}

func TestCacheWithinTTLMakesNoRequests(t *testing.T) {
	t.Parallel()
	f, o := primedCache(t)
	before := f.Total()

	// A new Loader is a new provider process sharing the cache folder.
	var logs logRecorder
	o2 := at(o, testNow.Add(23*time.Hour))
	o2.Log = logs.log
	res := mustLoad(t, o2)
	if f.Total() != before {
		t.Errorf("a fresh cache entry cost %d requests", f.Total()-before)
	}
	wantFile(t, res, testutil.PublicLatest)
	if !res.FromCache || res.Source != f.URLOf(latestPath) || len(res.Warnings) != 0 {
		t.Errorf("FromCache %v Source %q warnings %q", res.FromCache, res.Source, res.Warnings)
	}
	if !logs.has("cache hit") {
		t.Error("cache hit not logged")
	}
}

func TestCacheAfterTTLRevalidatesWith304(t *testing.T) {
	t.Parallel()
	f, o := primedCache(t)
	before, condBefore := f.Total(), f.Conditional()

	later := testNow.Add(25 * time.Hour)
	res := mustLoad(t, at(o, later))
	if f.Total()-before != 1 || f.Conditional()-condBefore != 1 {
		t.Errorf("revalidation made %d requests (%d conditional), want exactly one conditional", f.Total()-before, f.Conditional()-condBefore)
	}
	wantFile(t, res, testutil.PublicLatest)
	if !res.FromCache || len(res.Warnings) != 0 {
		t.Errorf("FromCache %v warnings %+v", res.FromCache, res.Warnings)
	}
	// fetched_at was refreshed, so one more day of zero requests.
	before = f.Total()
	mustLoad(t, at(o, later.Add(23*time.Hour)))
	if f.Total() != before {
		t.Error("the 304 did not refresh fetched_at")
	}
}

func TestCacheAfterTTLChangedFile(t *testing.T) {
	t.Parallel()
	f := newFakeMS(t)
	f.Handle(latestPath, jsonFile(testutil.Snapshot(t, testutil.PublicPrevious), `"v1"`))
	o := cachedOptions(t, f)
	primeCache(t, o)

	newer := testutil.Snapshot(t, testutil.PublicLatest)
	f.Handle(latestPath, jsonFile(newer, `"v2"`))
	res := mustLoad(t, at(o, testNow.Add(48*time.Hour)))
	wantFile(t, res, testutil.PublicLatest)
	if res.FromCache || len(res.Warnings) != 0 {
		t.Errorf("FromCache %v warnings %+v", res.FromCache, res.Warnings)
	}
	wantCount(t, f, latestPath, 2)
	// The cache now holds the new file.
	if e := readEntry(t, o.CacheDir, "public"); e.meta.ETag != `"v2"` || e.meta.ChangeNumber != 375 || !bytes.Equal(e.body, newer) {
		t.Errorf("cache not updated with the changed file: %+v", e.meta)
	}
}

func TestCacheRevalidationForGovernmentDiscoversFirst(t *testing.T) {
	t.Parallel()
	f := newFakeMS(t)
	f.Handle(detailsPath, htmlPage(detailsPageHTML([2]string{"ServiceTags_AzureGovernment_20251028.json", f.URLOf(govDated)})))
	f.Handle(govDated, jsonFile(testutil.Snapshot(t, testutil.Government), `"g1"`))
	o := cachedOptions(t, f)
	o.Cloud = "AzureGovernment"
	primeCache(t, o)
	wantCount(t, f, detailsPath, 1)
	wantCount(t, f, govDated, 1)

	res := mustLoad(t, at(o, testNow.Add(25*time.Hour)))
	if !res.FromCache || res.Source != f.URLOf(govDated) {
		t.Errorf("FromCache %v Source %q", res.FromCache, res.Source)
	}
	wantCount(t, f, detailsPath, 2)
	wantCount(t, f, govDated, 2)
	if f.Conditional() != 1 {
		t.Errorf("conditional requests = %d, want 1", f.Conditional())
	}

	// Next week the page names a new file: it is downloaded outright.
	newDated := govPrefix + "ServiceTags_AzureGovernment_20251104.json"
	f.Handle(detailsPath, htmlPage(detailsPageHTML([2]string{"ServiceTags_AzureGovernment_20251104.json", f.URLOf(newDated)})))
	f.Handle(newDated, jsonFile(testutil.Snapshot(t, testutil.Government), `"g2"`))
	res = mustLoad(t, at(o, testNow.Add(8*24*time.Hour)))
	if res.FromCache || res.Source != f.URLOf(newDated) || f.Conditional() != 1 {
		t.Errorf("FromCache %v Source %q conditional %d", res.FromCache, res.Source, f.Conditional())
	}
}

// damage primes a cache, then lets fn spoil the entry; the next fetch must ignore it and download.
func damage(t *testing.T, fn func(meta, body string)) {
	t.Helper()
	f, o := primedCache(t)
	c := diskCache{dir: o.CacheDir}
	fn(c.metaPath("public"), c.bodyPath("public"))

	var logs logRecorder
	o.Log = logs.log
	res, err := load(t, o)
	if err != nil {
		t.Fatalf("a damaged cache must not be an error: %v", err)
	}
	wantCacheEntryIgnored(t, f, res, &logs, 2, "the damaged entry") // the priming download, then this one
}

func TestCorruptCacheMetadataIgnored(t *testing.T) {
	t.Parallel()
	damage(t, func(meta, _ string) {
		if err := os.WriteFile(meta, []byte(`{"url": "https://`), 0o600); err != nil {
			t.Fatal(err)
		}
	})
}

func TestCacheBodyShaMismatchIgnored(t *testing.T) {
	t.Parallel()
	damage(t, func(_, body string) {
		b, err := os.ReadFile(body)
		if err != nil {
			t.Fatal(err)
		}
		b[len(b)/2] ^= 0x20 // same size, different content
		if err := os.WriteFile(body, b, 0o600); err != nil {
			t.Fatal(err)
		}
	})
}

func TestCacheMissingBodyIgnored(t *testing.T) {
	t.Parallel()
	damage(t, func(_, body string) {
		if err := os.Remove(body); err != nil {
			t.Fatal(err)
		}
	})
}

func TestCacheWritesAreAtomic(t *testing.T) {
	t.Parallel()
	f, o := primedCache(t)
	cache := testutil.FolderContents(t, o.CacheDir)
	if names := slices.Sorted(maps.Keys(cache)); len(names) != 2 || strings.Contains(strings.Join(names, " "), ".tmp") {
		t.Errorf("cache folder holds %v; want exactly the body and its metadata", names)
	}
	var m cacheMeta
	if err := json.Unmarshal([]byte(cache["servicetags-public.meta.json"]), &m); err != nil {
		t.Fatal(err)
	}
	if m.Version != cacheVersion || m.URLDigest != urlDigest(f.URLOf(latestPath)) || m.URL != f.URLOf(latestPath) || m.Source != f.URLOf(latestPath) || m.ETag != `"v1"` || m.ChangeNumber != 375 ||
		m.Size != int64(len(testutil.Snapshot(t, testutil.PublicLatest))) || len(m.SHA256) != 64 || !m.FetchedAt.Equal(testNow) || m.LastModified == "" {
		t.Errorf("metadata %+v", m)
	}
}

func TestUnwritableCacheDirWarns(t *testing.T) {
	t.Parallel()
	f := newFakeMS(t)
	f.Handle(latestPath, jsonFile(testutil.Snapshot(t, testutil.PublicLatest), ""))
	// A path below a regular file cannot be created, even by root.
	blocker := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(blocker, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	// A cache_dir that is a file, or lies below one, cannot be used; the warning must not
	// claim the file was read from or written to it.
	for _, dir := range []string{filepath.Join(blocker, "cache"), blocker} {
		o := f.options()
		o.CacheDir, o.CacheTTL = dir, time.Hour
		res, err := load(t, o)
		if err != nil {
			t.Fatalf("an unusable cache must not be an error: %v", err)
		}
		wantWarning(t, res, "Service tags: disk cache not usable", "disk cache folder "+dir+" cannot be used", "not a directory", "every run downloads it again")
		if strings.Contains(res.Warnings[0].Detail, "was read") {
			t.Errorf("the warning claims a read: %s", res.Warnings[0].Detail)
		}
	}
}

func TestStaleCacheUsedWhenNetworkIsDown(t *testing.T) {
	t.Parallel()
	f := newFakeMS(t)
	body := testutil.Snapshot(t, testutil.PublicLatest)
	f.Handle(latestPath, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, publicDated, http.StatusFound)
	})
	f.Handle(publicDated, jsonFile(body, `"v1"`))
	o := cachedOptions(t, f)
	primeCache(t, o)
	f.Close() // the network is gone

	res := mustLoad(t, at(o, testNow.Add(3*24*time.Hour+time.Hour)))
	wantFile(t, res, testutil.PublicLatest)
	if !res.FromCache || res.Source != f.URLOf(publicDated) {
		t.Errorf("FromCache %v Source %q", res.FromCache, res.Source)
	}
	wantWarning(t, res, "Service tags: using a stale cached copy", "every discovery step failed",
		"using the cached copy downloaded 3 days ago from "+f.URLOf(publicDated), "max_stale_age (14 days)")
}

func TestNetworkDownWithoutCacheFails(t *testing.T) {
	t.Parallel()
	f := newFakeMS(t)
	o := cachedOptions(t, f)
	f.Close()
	_, err := load(t, o)
	mustContain(t, err, "every discovery step failed", "service_tags_url")
}

func TestCancellationDoesNotFallBackToStaleCache(t *testing.T) {
	t.Parallel()
	f, o := primedCache(t)

	f.Handle(latestPath, func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done() // hang until the client gives up
	})
	ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := NewLoader(at(o, testNow.Add(48*time.Hour))).Load(ctx, "")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("want the context's error, got %v", err)
	}
	if time.Since(start) > 2*time.Second {
		t.Error("cancellation was not prompt")
	}
}

func TestCacheDisabledByZeroTTL(t *testing.T) {
	t.Parallel()
	f := newFakeMS(t)
	f.Handle(latestPath, jsonFile(testutil.Snapshot(t, testutil.PublicLatest), ""))
	o := f.options()
	o.CacheDir = t.TempDir()
	for i := 0; i < 2; i++ {
		mustLoad(t, o)
	}
	wantCount(t, f, latestPath, 2)
	if entries, _ := os.ReadDir(o.CacheDir); len(entries) != 0 {
		t.Error("TTL 0 still wrote the cache")
	}
}

func TestPinnedURLIsCachedAndRevalidated(t *testing.T) {
	t.Parallel()
	f := newFakeMS(t)
	f.Handle("/tags.json", jsonFile(testutil.Snapshot(t, testutil.China), `"c1"`))
	o := cachedOptions(t, f)
	o.URL = f.URLOf("/tags.json")
	primeCache(t, o)
	if res := mustLoad(t, o); !res.FromCache {
		t.Fatal("within TTL: not from the cache")
	}
	wantCount(t, f, "/tags.json", 1)
	if res := mustLoad(t, at(o, testNow.Add(25*time.Hour))); !res.FromCache || res.Source != o.URL {
		t.Fatalf("after TTL: FromCache %v source %s", res.FromCache, res.Source)
	}
	wantCount(t, f, "/tags.json", 2)
	if f.Conditional() != 1 {
		t.Errorf("conditional = %d", f.Conditional())
	}
}

func TestFutureFetchedAtIsStale(t *testing.T) {
	t.Parallel()
	f := newFakeMS(t)
	f.Handle(latestPath, jsonFile(testutil.Snapshot(t, testutil.PublicLatest), `"v1"`))
	o := cachedOptions(t, f)
	primeCache(t, at(o, testNow.Add(24*365*time.Hour)))
	mustLoad(t, o)
	wantCount(t, f, latestPath, 2) // revalidated, not trusted
}

func TestHumanAge(t *testing.T) {
	t.Parallel()
	for d, want := range map[time.Duration]string{
		10 * time.Second:           "less than a minute ago",
		time.Minute:                "1 minute ago",
		5 * time.Hour:              "5 hours ago",
		73 * time.Hour:             "3 days ago",
		400 * 24 * time.Hour:       "400 days ago",
		-time.Hour:                 "at an unknown time (its timestamp is in the future)",
		47*time.Hour + time.Minute: "47 hours ago",
	} {
		if got := humanAge(d); got != want {
			t.Errorf("humanAge(%v) = %q, want %q", d, got, want)
		}
	}
}

// A new week's download that does not parse must not replace the last good copy: the load
// answers with that copy and a warning, and the copy is still there when the network is gone.
func TestBadDownloadNeverReplacesGoodCache(t *testing.T) {
	t.Parallel()
	f, o := primedCache(t)
	good := testutil.Snapshot(t, testutil.PublicLatest)

	// A week later the server answers 200 with a truncated body (new ETag, so no 304).
	f.Handle(latestPath, jsonFile(good[:len(good)/2], `"v2"`))
	var parses atomic.Int64
	week := testNow.Add(7 * 24 * time.Hour)
	res, err := countingLoader(at(o, week), &parses).Load(t.Context(), "Public")
	if err != nil {
		t.Fatalf("want the last good copy, got %v", err)
	}
	wantFile(t, res, testutil.PublicLatest)
	if !res.FromCache {
		t.Error("not from the cache")
	}
	wantWarning(t, res, "Service tags: using a stale cached copy", "truncated", "7 days ago")
	if got := parses.Load(); got != 2 {
		t.Errorf("parsed %d times, want 2 (the cached copy, then the bad body)", got)
	}

	// Then the network goes down: the good copy is still cached.
	f.Close()
	res, err = load(t, at(o, week.Add(time.Hour)))
	if err != nil || !res.FromCache {
		t.Fatalf("after the bad download the cache lost its good copy: %v", err)
	}
	wantFile(t, res, testutil.PublicLatest)
}

// A pin with a rotating token makes a new cache entry on every run: entries of pinned URLs
// not fetched or revalidated for max_stale_age (14 days at least) are removed when another
// entry is written; the clouds' entries and the one in use stay.
func TestCachePrunesOldPinnedEntries(t *testing.T) {
	t.Parallel()
	f := newFakeMS(t)
	body := jsonFile(testutil.Snapshot(t, testutil.PublicLatest), `"v1"`)
	f.Handle("/tags.json", body)
	f.Handle(latestPath, body)
	o := cachedOptions(t, f)
	pin := func(token string, when time.Time) {
		t.Helper()
		p := at(o, when)
		p.URL = f.URLOf("/tags.json") + "?" + token
		mustLoad(t, p)
	}
	mustLoad(t, o) // the Public cloud's entry, as old as the first pin
	pin("token-1", testNow)
	pin("token-2", testNow.Add(13*24*time.Hour))
	if n := len(testutil.FolderContents(t, o.CacheDir)); n != 6 {
		t.Fatalf("%d cache files after three loads within 14 days, want 6", n)
	}
	pin("token-3", testNow.Add(15*24*time.Hour)) // token-1's entry is now 15 days old
	contents := testutil.FolderContents(t, o.CacheDir)
	for name := range contents {
		if strings.Contains(name, cacheKeyForURL(f.URLOf("/tags.json")+"?token-1")) {
			t.Errorf("the 15-day-old entry of a pinned URL was kept: %s", name)
		}
	}
	if len(contents) != 6 {
		t.Errorf("%d cache files, want 6 (the cloud's, token-2's and token-3's): %v", len(contents), slices.Sorted(maps.Keys(contents)))
	}
}
