package download

import (
	"strconv"
	"testing"
	"time"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/testutil"
)

const day = 24 * time.Hour

// When the network fails, a cached copy is used only up to MaxStaleAge (default 14 days;
// negative: never); an older one fails the read with an error naming its age, the limit and
// what to do.
func TestStaleCopyLimitedByMaxStaleAge(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name        string
		maxStaleAge time.Duration
		age         time.Duration
		want        []string // in the warning when used, in the error when refused
		used        bool
	}{
		{"default: 13 days is used", 0, 13 * day, []string{"13 days ago", "max_stale_age (14 days)"}, true},
		{"default: 15 days is refused", 0, 15 * day, []string{"15 days ago", "max_stale_age (14 days)"}, false},
		{"default: 400 days is refused", 0, 400 * day, []string{"400 days ago", "max_stale_age (14 days)"}, false},
		{"raised to 30 days: 20 days is used", 30 * day, 20 * day, []string{"20 days ago", "max_stale_age (30 days)"}, true},
		{"negative: never stale", -1, 25 * time.Hour, []string{"downloaded 25 hours ago", `max_stale_age = "0s" allows no stale copy`}, false},
		{"a timestamp in the future is refused", 0, -day, []string{"a download time in the future, so its age is unknown"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, o := primedCache(t)
			// MaxStaleAge is read only when the network fails, so priming is not affected.
			o.MaxStaleAge = tc.maxStaleAge
			f.Close() // the network is gone

			res, err := load(t, at(o, testNow.Add(tc.age)))
			if tc.used {
				if err != nil {
					t.Fatal(err)
				}
				wantFile(t, res, testutil.PublicLatest)
				wantWarning(t, res, "Service tags: using a stale cached copy", tc.want...)
				return
			}
			mustContain(t, err, append(tc.want, "every discovery step failed", "so it is not used", f.URLOf(latestPath),
				"Restore network access", "max_stale_age", "service_tags_file")...)
		})
	}
}

// A fresh download with a lower change number than the cached copy is used, with a warning
// that names both numbers and the source; the cache records the new number.
func TestOlderDownloadThanCachedWarns(t *testing.T) {
	t.Parallel()
	f, o := primedCache(t)
	older, _ := snapshotID(t, testutil.PublicPrevious)

	f.Handle(latestPath, jsonFile(testutil.Snapshot(t, testutil.PublicPrevious), `"v0"`))
	res := mustLoad(t, at(o, testNow.Add(2*day)))
	wantFile(t, res, testutil.PublicPrevious)
	wantWarning(t, res, "Service tags: older file than the cached one",
		"downloaded from "+f.URLOf(latestPath), "change number "+strconv.FormatInt(older, 10), "change number 375", "2 days ago")
	if e := readEntry(t, o.CacheDir, "public"); e.meta.ChangeNumber != older || e.meta.ETag != `"v0"` {
		t.Errorf("cache records change number %d, ETag %s", e.meta.ChangeNumber, e.meta.ETag)
	}

	// A newer file, or the same one again (304), is no news.
	f.Handle(latestPath, jsonFile(testutil.Snapshot(t, testutil.PublicLatest), `"v1"`))
	if res := mustLoad(t, at(o, testNow.Add(4*day))); len(res.Warnings) != 0 {
		t.Errorf("a newer file warned: %+v", res.Warnings)
	}
	if res := mustLoad(t, at(o, testNow.Add(6*day))); !res.FromCache || len(res.Warnings) != 0 {
		t.Errorf("a 304 warned or missed the cache: %+v", res.Warnings)
	}
	if f.Conditional() == 0 {
		t.Error("no revalidation happened")
	}
}
