package download

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
	"time"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/testutil"
)

// Each discovery step, as the one that finds the file: which address the file came from, and
// which requests it took to get there. The file is served at source; any other path without
// a page answers 404.
func TestDiscover(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name     string
		cloud    string // "" is Public
		snapshot string // the file served at source, and wanted
		pages    func(f *fakeMS)
		source   string         // the path Source must name
		counts   map[string]int // requests per path
		total    int            // requests in all; 0: not checked
	}{
		{
			name:     "latest redirects to the dated file",
			snapshot: testutil.PublicLatest,
			pages: func(f *fakeMS) {
				f.Handle(latestPath, func(w http.ResponseWriter, r *http.Request) {
					http.Redirect(w, r, publicDated, http.StatusFound)
				})
			},
			source: publicDated,
			counts: map[string]int{latestPath: 1, publicDated: 1, detailsPath: 0},
		},
		{
			name:     "latest served directly",
			snapshot: testutil.PublicLatest,
			source:   latestPath,
			total:    1,
		},
		{
			// Latest is missing (404), so the details page is next.
			name:     "details page",
			snapshot: testutil.PublicLatest,
			pages: func(f *fakeMS) {
				f.Handle(detailsPath, detailsPageFor("56519", "ServiceTags_Public_20251028.json", f.URLOf(publicDated)))
			},
			source: publicDated,
			counts: map[string]int{latestPath: 1, detailsPath: 1, publicDated: 1, confirmPath: 0},
		},
		{
			name:     "government skips latest",
			cloud:    "AzureGovernment",
			snapshot: testutil.Government,
			pages: func(f *fakeMS) {
				f.Handle(detailsPath, detailsPageFor("57063", "ServiceTags_AzureGovernment_20251028.json", f.URLOf(govDated)))
			},
			source: govDated,
			counts: map[string]int{govPrefix + "ServiceTags_AzureGovernment_Latest.json": 0},
			total:  2, // details page + file
		},
		{
			name:     "confirmation page",
			snapshot: testutil.PublicLatest,
			pages: func(f *fakeMS) {
				f.Handle(latestPath, status(http.StatusNotFound))
				f.Handle(detailsPath, htmlPage(detailsPageHTML())) // a details page listing no file
				f.Handle(confirmPath, htmlPage(confirmationPageHTML(f.URLOf(publicDated))))
			},
			source: publicDated,
			counts: map[string]int{latestPath: 1, detailsPath: 1, confirmPath: 1, publicDated: 1},
		},
		{
			// The file is dated 20251028, three days before testNow.
			name:     "date probing",
			snapshot: testutil.PublicLatest,
			pages: func(f *fakeMS) {
				f.Handle(detailsPath, htmlPage("<html><body>Something went wrong</body></html>"))
				f.Handle(confirmPath, htmlPage(confirmationPageHTML("https://go.microsoft.com/fwlink/?LinkId=1")))
			},
			source: publicDated,
			counts: map[string]int{
				publicFileOn("20251031"): 1,
				publicFileOn("20251030"): 1,
				publicFileOn("20251029"): 1,
				publicDated:              1,
				publicFileOn("20251027"): 0,
			},
			total: 7, // latest + details + confirmation + 4 probes
		},
		{
			name:     "probing treats HTML as a miss",
			snapshot: testutil.PublicLatest,
			pages: func(f *fakeMS) {
				// A soft 404: an HTML page with status 200 for a date that has no file.
				f.Handle(publicFileOn("20251031"), htmlPage("<html>not found</html>"))
			},
			source: publicDated,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeMS(t)
			if tc.pages != nil {
				tc.pages(f)
			}
			f.Handle(tc.source, jsonFile(testutil.Snapshot(t, tc.snapshot), ""))
			o := f.options()
			if tc.cloud != "" {
				o.Cloud = tc.cloud
			}
			res := mustLoad(t, o)
			wantFile(t, res, tc.snapshot)
			if res.Source != f.URLOf(tc.source) || res.FromCache {
				t.Errorf("Source = %q FromCache = %v, want %q downloaded", res.Source, res.FromCache, f.URLOf(tc.source))
			}
			for path, want := range tc.counts {
				wantCount(t, f, path, want)
			}
			if tc.total != 0 && f.Total() != tc.total {
				t.Errorf("total requests = %d, want %d", f.Total(), tc.total)
			}
		})
	}
}

func TestDiscoverAllStepsFail(t *testing.T) {
	t.Parallel()
	f := newFakeMS(t) // everything 404
	_, err := load(t, f.options())
	mustContain(t, err,
		"Public", "latest file", f.URLOf(latestPath), "HTTP 404",
		"details page", f.URLOf(detailsPath), "confirmation page", f.URLOf(confirmPath),
		"date probing", f.URLOf(publicPrefix), "20251031", "20251018", "service_tags_file", "service_tags_url")
	// 404s are never retried: latest, details, confirmation, 14 probes.
	if f.Total() != 17 {
		t.Errorf("total requests = %d, want 17", f.Total())
	}
}

func TestDetailsPageLinkToForeignHostRejected(t *testing.T) {
	t.Parallel()
	foreign := newFakeMS(t)
	foreign.Handle(publicDated, jsonFile([]byte(`{"evil":true}`), ""))
	f := newFakeMS(t)
	evil := foreign.URLOf(publicDated)
	f.Handle(detailsPath, htmlPage(detailsPageHTML([2]string{"ServiceTags_Public_20251028.json", evil})))

	_, err := load(t, f.options())
	mustContain(t, err, "details page", f.URLOf(detailsPath), evil, "only "+f.URL)
	if foreign.Total() != 0 {
		t.Errorf("the foreign host got %d requests", foreign.Total())
	}
}

func TestDetailsPageWithoutLinkFallsThrough(t *testing.T) {
	t.Parallel()
	f := newFakeMS(t)
	f.Handle(detailsPath, htmlPage(detailsPageHTML([2]string{"ServiceTags_China_20251028.json", f.URLOf("/x/ServiceTags_China_20251028.json")})))
	_, err := load(t, f.options())
	mustContain(t, err, "details page", "no link to the service tags file", "ServiceTags_Public_<date>.json")
	wantCount(t, f, confirmPath, 1)
}

func TestRedirectToForeignHostRefused(t *testing.T) {
	t.Parallel()
	body := testutil.Snapshot(t, testutil.PublicLatest)
	foreign := newFakeMS(t)
	foreign.Handle(latestPath, jsonFile([]byte(`{"evil":true}`), ""))
	f := newFakeMS(t)
	f.Handle(latestPath, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, foreign.URLOf(latestPath), http.StatusFound)
	})
	f.Handle(detailsPath, htmlPage(detailsPageHTML([2]string{"ServiceTags_Public_20251028.json", f.URLOf(publicDated)})))
	f.Handle(publicDated, jsonFile(body, ""))

	var logs logRecorder
	o := f.options()
	o.Log = logs.log
	res, err := load(t, o)
	if err != nil {
		t.Fatal(err)
	}
	if res.Source != f.URLOf(publicDated) {
		t.Errorf("Source = %q; the refused redirect should fall through to the details page", res.Source)
	}
	if foreign.Total() != 0 {
		t.Errorf("the foreign host got %d requests", foreign.Total())
	}
	wantCount(t, f, latestPath, 1) // a refused redirect is not retried
	if !logs.has("discovery step failed") {
		t.Error("the failed Latest step was not logged")
	}
}

func TestPinnedURLRedirectToForeignHostRefused(t *testing.T) {
	t.Parallel()
	foreign := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write([]byte(`{}`))
	}))
	defer foreign.Close()
	f := newFakeMS(t)
	f.Handle("/tags.json", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, foreign.URL+"/tags.json", http.StatusMovedPermanently)
	})
	o := f.options()
	o.URL = f.URLOf("/tags.json")
	_, err := load(t, o)
	mustContain(t, err, "refusing redirect", foreign.URL, o.URL)
	wantCount(t, f, "/tags.json", 1)
}

func TestUnknownCloud(t *testing.T) {
	t.Parallel()
	// Names are canonical here: the provider maps what users write ("public", "usgovernment").
	for _, name := range []string{"Mars", "public"} {
		_, err := NewLoader(Options{}).Load(t.Context(), name)
		mustContain(t, err, fmt.Sprintf("unknown cloud %q", name), `"Public", "AzureGovernment", "China"`)
	}
	mustContain(t, Options{Cloud: "Mars"}.Validate(), `unknown cloud "Mars"`)
	// The retired AzureGermany has no file to discover; with a pin, naming it is fine.
	_, err := NewLoader(Options{}).Load(t.Context(), "AzureGermany")
	mustContain(t, err, `"AzureGermany" cloud was retired in 2021`, "pin one of its last files")
	mustContain(t, Options{Cloud: "AzureGermany"}.Validate(), "retired")
	if err := (Options{Cloud: "AzureGermany", URL: "https://mirror.example/ServiceTags_AzureGermany_20220307.json"}).Validate(); err != nil {
		t.Errorf("a pinned URL with cloud AzureGermany: %v", err)
	}
}

// A discovered file of another cloud is refused (and never cached under the cloud asked for).
func TestDiscoveredFileOfAnotherCloudRefused(t *testing.T) {
	t.Parallel()
	f := newFakeMS(t)
	f.Handle(latestPath, jsonFile(testutil.Snapshot(t, testutil.China), ""))
	o := f.options()
	o.CacheDir, o.CacheTTL = t.TempDir(), time.Hour
	_, err := load(t, o)
	mustContain(t, err, `cloud "Public"`, f.URLOf(latestPath), `holds the "China" cloud`)
	if entries, _ := os.ReadDir(o.CacheDir); len(entries) != 0 {
		t.Errorf("the wrong cloud's file was cached: %v", entries)
	}
}

// publicFileOn is the path of the Public file dated date (yyyymmdd), as date probing asks for it.
func publicFileOn(date string) string { return publicPrefix + "ServiceTags_Public_" + date + ".json" }

// detailsPageFor serves the Download Center details page of one id, linking to one file;
// any other id gets 404, so a test also proves which id was asked for.
func detailsPageFor(id, name, link string) http.HandlerFunc {
	page := htmlPage(detailsPageHTML([2]string{name, link}))
	return func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("id") != id {
			http.NotFound(w, r)
			return
		}
		page(w, r)
	}
}
