package download

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/testutil"
)

// serviceTags is the little of the file the tests look at.
type serviceTags struct {
	ChangeNumber int    `json:"changeNumber"`
	Cloud        string `json:"cloud"`
	Values       []struct {
		Name string `json:"name"`
	} `json:"values"`
}

// countingParser decodes service tags and counts its calls.
func countingParser(calls *atomic.Int64) func([]byte) (serviceTags, error) {
	return func(b []byte) (serviceTags, error) {
		calls.Add(1)
		var st serviceTags
		if err := json.Unmarshal(b, &st); err != nil {
			return st, err
		}
		if len(st.Values) == 0 {
			return st, errors.New("no service tags in the file")
		}
		return st, nil
	}
}

func TestLoaderSecondLoadMakesNoRequests(t *testing.T) {
	f := newFakeMS(t)
	f.handle(latestPath, jsonFile(testutil.Snapshot(t, testutil.PublicLatest), `"v1"`))
	var parses atomic.Int64
	l := NewLoader(f.options(), countingParser(&parses))

	st, res, err := l.Load(t.Context(), "Public")
	if err != nil {
		t.Fatal(err)
	}
	if st.ChangeNumber != 375 || st.Cloud != "Public" || len(st.Values) != 3039 {
		t.Errorf("parsed %d/%s/%d", st.ChangeNumber, st.Cloud, len(st.Values))
	}
	before := f.total.Load()
	st2, res2, err := l.Load(t.Context(), "public")
	if err != nil {
		t.Fatal(err)
	}
	if f.total.Load() != before || parses.Load() != 1 {
		t.Errorf("second Load made %d requests and %d parses in total", f.total.Load()-before, parses.Load())
	}
	if st2.ChangeNumber != st.ChangeNumber || res2.Source != res.Source {
		t.Error("second Load returned something else")
	}
}

func TestLoaderConcurrentLoadsShareOneDownload(t *testing.T) {
	f := newFakeMS(t)
	body := testutil.Snapshot(t, testutil.PublicLatest)
	f.handle(latestPath, func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(50 * time.Millisecond) // keep the flight open while everyone joins
		jsonFile(body, "")(w, r)
	})
	var parses atomic.Int64
	l := NewLoader(f.options(), countingParser(&parses))

	var wg sync.WaitGroup
	errs := make(chan error, 10)
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			st, _, err := l.Load(t.Context(), "Public")
			if err == nil && st.ChangeNumber != 375 {
				err = fmt.Errorf("changeNumber %d", st.ChangeNumber)
			}
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	wantCount(t, f, latestPath, 1)
	if parses.Load() != 1 {
		t.Errorf("parse calls = %d, want 1", parses.Load())
	}
}

func TestLoaderKeysByCloud(t *testing.T) {
	f := newFakeMS(t)
	f.handle(latestPath, jsonFile(testutil.Snapshot(t, testutil.PublicLatest), ""))
	chinaDated := "/download/9/D/0/9D03B7E2-4B80-4BF3-9B91-DA8C7D3EE9F9/ServiceTags_China_20251030.json"
	f.handle(chinaDated, jsonFile(testutil.Snapshot(t, testutil.China), ""))
	var parses atomic.Int64
	l := NewLoader(f.options(), countingParser(&parses))
	pub, _, err := l.Load(t.Context(), "Public")
	if err != nil {
		t.Fatal(err)
	}
	cn, res, err := l.Load(t.Context(), "China")
	if err != nil {
		t.Fatal(err)
	}
	if pub.Cloud != "Public" || cn.Cloud != "China" || res.Source != f.url(chinaDated) {
		t.Errorf("got %s and %s from %s", pub.Cloud, cn.Cloud, res.Source)
	}
}

func TestLoaderPinnedUsesOneKey(t *testing.T) {
	path := testutil.SnapshotFile(t, testutil.Government)
	var parses atomic.Int64
	l := NewLoader(Options{File: path}, countingParser(&parses))
	for _, cloud := range []string{"Public", "China", ""} {
		st, res, err := l.Load(t.Context(), cloud)
		if err != nil {
			t.Fatal(err)
		}
		if st.Cloud != "AzureGovernment" || res.Source != path {
			t.Errorf("%q: got cloud %s from %s", cloud, st.Cloud, res.Source)
		}
	}
	if parses.Load() != 1 {
		t.Errorf("parse calls = %d, want 1", parses.Load())
	}
}

func TestLoaderParseErrorNamesSource(t *testing.T) {
	f := newFakeMS(t)
	f.handle("/tags.json", jsonFile([]byte(`{"values":[]}`), ""))
	var parses atomic.Int64
	o := pinnedOptions(f, "/tags.json")
	l := NewLoader(o, countingParser(&parses))
	_, _, err := l.Load(t.Context(), "")
	mustContain(t, err, "parsing the service tags from "+o.URL, "no service tags in the file")
}

func TestLoaderFailuresAreNotMemoised(t *testing.T) {
	f := newFakeMS(t)
	o := pinnedOptions(f, "/tags.json")
	var parses atomic.Int64
	l := NewLoader(o, countingParser(&parses))
	if _, _, err := l.Load(t.Context(), ""); err == nil {
		t.Fatal("expected 404")
	}
	f.handle("/tags.json", jsonFile(testutil.Snapshot(t, testutil.China), ""))
	st, _, err := l.Load(t.Context(), "")
	if err != nil {
		t.Fatal(err)
	}
	if st.Cloud != "China" {
		t.Errorf("cloud %s", st.Cloud)
	}
	wantCount(t, f, "/tags.json", 2)
}

func TestLoaderCachedBodyThatDoesNotParseIsReplaced(t *testing.T) {
	f := newFakeMS(t)
	body := testutil.Snapshot(t, testutil.PublicLatest)
	f.handle(latestPath, jsonFile(body, ""))
	o := f.options()
	o.CacheDir, o.CacheTTL = t.TempDir(), time.Hour

	// Plant a well-formed cache entry whose body passes the JSON sniff but not the parser.
	c := diskCache{dir: o.CacheDir, o: mustDefaults(t, o)}
	if err := c.store("public", &cacheEntry{body: []byte(`{"values":[]}`), meta: cacheMeta{URL: f.url(latestPath), Source: f.url(latestPath), FetchedAt: testNow}}); err != nil {
		t.Fatal(err)
	}
	var parses atomic.Int64
	st, res, err := NewLoader(o, countingParser(&parses)).Load(t.Context(), "Public")
	if err != nil {
		t.Fatal(err)
	}
	if st.ChangeNumber != 375 || res.FromCache {
		t.Errorf("changeNumber %d FromCache %v", st.ChangeNumber, res.FromCache)
	}
	wantCount(t, f, latestPath, 1)
	if parses.Load() != 2 {
		t.Errorf("parse calls = %d, want 2", parses.Load())
	}
	// The fresh copy replaced the bad one.
	if e := c.load(t.Context(), "public"); e == nil || len(e.body) != len(body) {
		t.Error("the cache was not refreshed")
	}
}

func TestLoaderCancelledWaiterDoesNotBreakOthers(t *testing.T) {
	f := newFakeMS(t)
	body := testutil.Snapshot(t, testutil.PublicLatest)
	release := make(chan struct{})
	f.handle(latestPath, func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
			return
		}
		jsonFile(body, "")(w, r)
	})
	var parses atomic.Int64
	l := NewLoader(f.options(), countingParser(&parses))

	ctx, cancel := context.WithCancel(t.Context())
	leaderDone := make(chan error, 1)
	go func() {
		_, _, err := l.Load(ctx, "Public")
		leaderDone <- err
	}()
	time.Sleep(50 * time.Millisecond) // the leader's request is in flight
	followerDone := make(chan error, 1)
	go func() {
		_, _, err := l.Load(t.Context(), "Public")
		followerDone <- err
	}()
	time.Sleep(20 * time.Millisecond)
	cancel()
	if err := <-leaderDone; !errors.Is(err, context.Canceled) {
		t.Fatalf("leader: want context.Canceled, got %v", err)
	}
	close(release)
	select {
	case err := <-followerDone:
		if err != nil {
			t.Fatalf("follower: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("follower never finished")
	}
}

func TestLoaderOptionErrors(t *testing.T) {
	l := NewLoader(Options{File: "a", URL: "https://x/y"}, func(b []byte) (int, error) { return 0, nil })
	_, _, err := l.Load(t.Context(), "Public")
	mustContain(t, err, "mutually exclusive")
	l2 := NewLoader(Options{}, func(b []byte) (int, error) { return 0, nil })
	_, _, err = l2.Load(t.Context(), "Atlantis")
	mustContain(t, err, "unknown cloud")
}

// mustDefaults applies Options defaults in tests.
func mustDefaults(t *testing.T, o Options) Options {
	t.Helper()
	o, err := o.withDefaults()
	if err != nil {
		t.Fatal(err)
	}
	return o
}
