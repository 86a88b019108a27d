package download

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/testutil"
)

func TestLoaderSecondLoadMakesNoRequests(t *testing.T) {
	t.Parallel()
	f := newFakeMS(t)
	f.Handle(latestPath, jsonFile(testutil.Snapshot(t, testutil.PublicLatest), `"v1"`))
	var parses atomic.Int64
	l := countingLoader(f.options(), &parses)

	res, err := l.Load(t.Context(), "Public")
	if err != nil {
		t.Fatal(err)
	}
	wantFile(t, res, testutil.PublicLatest)
	before := f.Total()
	res2, err := l.Load(t.Context(), "")
	if err != nil {
		t.Fatal(err)
	}
	if f.Total() != before || parses.Load() != 1 {
		t.Errorf("second Load made %d requests and %d parses in total", f.Total()-before, parses.Load())
	}
	if res2.File != res.File || res2.Source != res.Source {
		t.Error("second Load returned something else")
	}
}

func TestLoaderConcurrentLoadsShareOneDownload(t *testing.T) {
	t.Parallel()
	f := newFakeMS(t)
	body := testutil.Snapshot(t, testutil.PublicLatest)
	f.Handle(latestPath, func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(50 * time.Millisecond) // keep the flight open while everyone joins
		jsonFile(body, "")(w, r)
	})
	var parses atomic.Int64
	l := countingLoader(f.options(), &parses)

	var wg sync.WaitGroup
	errs := make(chan error, 10)
	for range 10 {
		wg.Go(func() {
			res, err := l.Load(t.Context(), "Public")
			if err == nil && res.File.ChangeNumber != 375 {
				err = fmt.Errorf("changeNumber %d", res.File.ChangeNumber)
			}
			errs <- err
		})
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
	t.Parallel()
	f := newFakeMS(t)
	f.Handle(latestPath, jsonFile(testutil.Snapshot(t, testutil.PublicLatest), ""))
	chinaDated := "/download/9/D/0/9D03B7E2-4B80-4BF3-9B91-DA8C7D3EE9F9/ServiceTags_China_20251030.json"
	f.Handle(chinaDated, jsonFile(testutil.Snapshot(t, testutil.China), ""))
	l := NewLoader(f.options())
	pub, err := l.Load(t.Context(), "Public")
	if err != nil {
		t.Fatal(err)
	}
	cn, err := l.Load(t.Context(), "China")
	if err != nil {
		t.Fatal(err)
	}
	wantFile(t, pub, testutil.PublicLatest)
	wantFile(t, cn, testutil.China)
	if cn.Source != f.URLOf(chinaDated) {
		t.Errorf("China came from %s", cn.Source)
	}
}

func TestLoaderPinnedUsesOneKey(t *testing.T) {
	t.Parallel()
	path := testutil.SnapshotFile(t, testutil.Government)
	var parses atomic.Int64
	l := countingLoader(Options{File: path}, &parses)
	for _, cloud := range []string{"Public", "China", ""} {
		res, err := l.Load(t.Context(), cloud)
		if err != nil {
			t.Fatal(err)
		}
		wantFile(t, res, testutil.Government)
		if res.Source != path {
			t.Errorf("%q: source %s", cloud, res.Source)
		}
	}
	if parses.Load() != 1 {
		t.Errorf("parse calls = %d, want 1", parses.Load())
	}
}

func TestLoaderParseErrorNamesSource(t *testing.T) {
	t.Parallel()
	f := newFakeMS(t)
	f.Handle("/tags.json", jsonFile([]byte(`{"values":[]}`), ""))
	o := pinnedOptions(f, "/tags.json")
	_, err := load(t, o)
	mustContain(t, err, "parsing the service tags from "+o.URL+": ")
}

func TestLoaderFailuresAreNotMemoised(t *testing.T) {
	t.Parallel()
	f := newFakeMS(t)
	o := pinnedOptions(f, "/tags.json")
	l := NewLoader(o)
	if _, err := l.Load(t.Context(), ""); err == nil {
		t.Fatal("expected 404")
	}
	f.Handle("/tags.json", jsonFile(testutil.Snapshot(t, testutil.China), ""))
	res, err := l.Load(t.Context(), "")
	if err != nil {
		t.Fatal(err)
	}
	wantFile(t, res, testutil.China)
	wantCount(t, f, "/tags.json", 2)
}

func TestLoaderCachedBodyThatDoesNotParseIsReplaced(t *testing.T) {
	t.Parallel()
	f := newFakeMS(t)
	f.Handle(latestPath, jsonFile(testutil.Snapshot(t, testutil.PublicLatest), `"v1"`))
	o := cachedOptions(t, f)

	// A well-formed, trusted entry whose body passes every check but the parser.
	plant(t, o.CacheDir, "public", cacheMeta{URL: f.URLOf(latestPath), Source: f.URLOf(latestPath), ETag: `"v1"`, FetchedAt: testNow}, []byte(`{"values":[]}`))
	var logs logRecorder
	o.Log = logs.log
	var parses atomic.Int64
	res, err := countingLoader(o, &parses).Load(t.Context(), "Public")
	if err != nil {
		t.Fatal(err)
	}
	wantCacheEntryIgnored(t, f, res, &logs, 1, "the unparsable entry")
	if parses.Load() != 2 {
		t.Errorf("parse calls = %d, want 2 (the planted body, then the download)", parses.Load())
	}
	// The fresh copy replaced the bad one.
	if res := mustLoad(t, o); !res.FromCache {
		t.Error("the cache was not refreshed")
	}
}

func TestLoaderCancelledWaiterDoesNotBreakOthers(t *testing.T) {
	t.Parallel()
	f := newFakeMS(t)
	body := testutil.Snapshot(t, testutil.PublicLatest)
	release := make(chan struct{})
	f.Handle(latestPath, func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
			return
		}
		jsonFile(body, "")(w, r)
	})
	l := NewLoader(f.options())

	ctx, cancel := context.WithCancel(t.Context())
	leaderDone := make(chan error, 1)
	go func() {
		_, err := l.Load(ctx, "Public")
		leaderDone <- err
	}()
	time.Sleep(50 * time.Millisecond) // the leader's request is in flight
	followerDone := make(chan error, 1)
	go func() {
		_, err := l.Load(t.Context(), "Public")
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
	t.Parallel()
	_, err := NewLoader(Options{File: "a", URL: "https://x/y"}).Load(t.Context(), "Public")
	mustContain(t, err, "both set; set only one")
	_, err = NewLoader(Options{}).Load(t.Context(), "Atlantis")
	mustContain(t, err, "unknown cloud")
}
