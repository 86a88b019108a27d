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

func TestDiscoverLatestRedirectsToDatedFile(t *testing.T) {
	body := testutil.Snapshot(t, testutil.PublicLatest)
	f := newFakeMS(t)
	f.handle(latestPath, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, publicDated, http.StatusFound)
	})
	f.handle(publicDated, jsonFile(body, `"v1"`))

	res, err := load(t, f.options())
	if err != nil {
		t.Fatal(err)
	}
	wantFile(t, res, testutil.PublicLatest)
	if res.Source != f.url(publicDated) {
		t.Errorf("Source = %q, want the dated URL %q", res.Source, f.url(publicDated))
	}
	wantCount(t, f, latestPath, 1)
	wantCount(t, f, publicDated, 1)
	wantCount(t, f, detailsPath, 0)
}

func TestDiscoverLatestServedDirectly(t *testing.T) {
	body := testutil.Snapshot(t, testutil.PublicLatest)
	f := newFakeMS(t)
	f.handle(latestPath, jsonFile(body, ""))
	res, err := load(t, f.options())
	if err != nil {
		t.Fatal(err)
	}
	if res.Source != f.url(latestPath) || res.FromCache {
		t.Errorf("Source = %q FromCache = %v", res.Source, res.FromCache)
	}
	if f.total.Load() != 1 {
		t.Errorf("total requests = %d, want 1", f.total.Load())
	}
}

func TestDiscoverDetailsPage(t *testing.T) {
	body := testutil.Snapshot(t, testutil.PublicLatest)
	f := newFakeMS(t)
	// Latest is missing (404), so the details page is next.
	f.handle(detailsPath, detailsPageFor("56519", "ServiceTags_Public_20251028.json", f.url(publicDated)))
	f.handle(publicDated, jsonFile(body, `"v1"`))

	res, err := load(t, f.options())
	if err != nil {
		t.Fatal(err)
	}
	wantFile(t, res, testutil.PublicLatest)
	if res.Source != f.url(publicDated) {
		t.Errorf("Source = %q, want %q", res.Source, f.url(publicDated))
	}
	wantCount(t, f, latestPath, 1)
	wantCount(t, f, detailsPath, 1)
	wantCount(t, f, publicDated, 1)
	wantCount(t, f, confirmPath, 0)
}

func TestDiscoverGovernmentSkipsLatest(t *testing.T) {
	body := testutil.Snapshot(t, testutil.Government)
	f := newFakeMS(t)
	f.handle(detailsPath, detailsPageFor("57063", "ServiceTags_AzureGovernment_20251028.json", f.url(govDated)))
	f.handle(govDated, jsonFile(body, `"g1"`))
	o := f.options()
	o.Cloud = "AzureGovernment"
	res, err := load(t, o)
	if err != nil {
		t.Fatal(err)
	}
	if res.Source != f.url(govDated) {
		t.Errorf("Source = %q", res.Source)
	}
	if f.total.Load() != 2 {
		t.Errorf("total requests = %d, want 2 (details page + file)", f.total.Load())
	}
	wantCount(t, f, govPrefix+"ServiceTags_AzureGovernment_Latest.json", 0)
}

func TestDiscoverConfirmationPage(t *testing.T) {
	body := testutil.Snapshot(t, testutil.PublicLatest)
	f := newFakeMS(t)
	f.handle(latestPath, status(http.StatusNotFound))
	f.handle(detailsPath, htmlPage(detailsPageHTML())) // a details page listing no file
	f.handle(confirmPath, htmlPage(confirmationPageHTML(f.url(publicDated))))
	f.handle(publicDated, jsonFile(body, ""))

	res, err := load(t, f.options())
	if err != nil {
		t.Fatal(err)
	}
	if res.Source != f.url(publicDated) {
		t.Errorf("Source = %q", res.Source)
	}
	wantCount(t, f, latestPath, 1)
	wantCount(t, f, detailsPath, 1)
	wantCount(t, f, confirmPath, 1)
	wantCount(t, f, publicDated, 1)
}

func TestDiscoverDateProbing(t *testing.T) {
	body := testutil.Snapshot(t, testutil.PublicLatest)
	f := newFakeMS(t)
	f.handle(detailsPath, htmlPage("<html><body>Something went wrong</body></html>"))
	f.handle(confirmPath, htmlPage(confirmationPageHTML("https://go.microsoft.com/fwlink/?LinkId=1")))
	f.handle(publicDated, jsonFile(body, "")) // 20251028 = three days before testNow

	res, err := load(t, f.options())
	if err != nil {
		t.Fatal(err)
	}
	if res.Source != f.url(publicDated) {
		t.Errorf("Source = %q", res.Source)
	}
	for _, d := range []string{"20251031", "20251030", "20251029"} {
		wantCount(t, f, publicPrefix+"ServiceTags_Public_"+d+".json", 1)
	}
	wantCount(t, f, publicDated, 1)
	wantCount(t, f, publicPrefix+"ServiceTags_Public_20251027.json", 0)
	// latest + details + confirmation + 4 probes
	if f.total.Load() != 7 {
		t.Errorf("total requests = %d, want 7", f.total.Load())
	}
}

func TestDiscoverProbingTreatsHTMLAsMiss(t *testing.T) {
	body := testutil.Snapshot(t, testutil.PublicLatest)
	f := newFakeMS(t)
	// A soft 404: an HTML page with status 200 for a date that has no file.
	f.handle(publicPrefix+"ServiceTags_Public_20251031.json", htmlPage("<html>not found</html>"))
	f.handle(publicDated, jsonFile(body, ""))
	res, err := load(t, f.options())
	if err != nil {
		t.Fatal(err)
	}
	if res.Source != f.url(publicDated) {
		t.Errorf("Source = %q", res.Source)
	}
}

func TestDiscoverAllStepsFail(t *testing.T) {
	f := newFakeMS(t) // everything 404
	_, err := load(t, f.options())
	mustContain(t, err,
		"Public", "latest file", f.url(latestPath), "HTTP 404",
		"details page", f.url(detailsPath), "confirmation page", f.url(confirmPath),
		"date probing", f.url(publicPrefix), "20251031", "20251018", "service_tags_file", "service_tags_url")
	// 404s are never retried: latest, details, confirmation, 14 probes.
	if f.total.Load() != 17 {
		t.Errorf("total requests = %d, want 17", f.total.Load())
	}
}

func TestDetailsPageLinkToForeignHostRejected(t *testing.T) {
	foreign := newFakeMS(t)
	foreign.handle(publicDated, jsonFile([]byte(`{"evil":true}`), ""))
	f := newFakeMS(t)
	evil := foreign.url(publicDated)
	f.handle(detailsPath, htmlPage(detailsPageHTML([2]string{"ServiceTags_Public_20251028.json", evil})))

	_, err := load(t, f.options())
	mustContain(t, err, "details page", f.url(detailsPath), evil, "only "+f.srv.URL)
	if foreign.total.Load() != 0 {
		t.Errorf("the foreign host got %d requests", foreign.total.Load())
	}
}

func TestDetailsPageWithoutLinkFallsThrough(t *testing.T) {
	f := newFakeMS(t)
	f.handle(detailsPath, htmlPage(detailsPageHTML([2]string{"ServiceTags_China_20251028.json", f.url("/x/ServiceTags_China_20251028.json")})))
	_, err := load(t, f.options())
	mustContain(t, err, "details page", "no link to the service tags file", "ServiceTags_Public_<date>.json")
	wantCount(t, f, confirmPath, 1)
}

func TestRedirectToForeignHostRefused(t *testing.T) {
	body := testutil.Snapshot(t, testutil.PublicLatest)
	foreign := newFakeMS(t)
	foreign.handle(latestPath, jsonFile([]byte(`{"evil":true}`), ""))
	f := newFakeMS(t)
	f.handle(latestPath, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, foreign.url(latestPath), http.StatusFound)
	})
	f.handle(detailsPath, htmlPage(detailsPageHTML([2]string{"ServiceTags_Public_20251028.json", f.url(publicDated)})))
	f.handle(publicDated, jsonFile(body, ""))

	var logs logRecorder
	o := f.options()
	o.Log = logs.log
	res, err := load(t, o)
	if err != nil {
		t.Fatal(err)
	}
	if res.Source != f.url(publicDated) {
		t.Errorf("Source = %q; the refused redirect should fall through to the details page", res.Source)
	}
	if foreign.total.Load() != 0 {
		t.Errorf("the foreign host got %d requests", foreign.total.Load())
	}
	wantCount(t, f, latestPath, 1) // a refused redirect is not retried
	if !logs.has("discovery step failed") {
		t.Error("the failed Latest step was not logged")
	}
}

func TestPinnedURLRedirectToForeignHostRefused(t *testing.T) {
	foreign := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write([]byte(`{}`))
	}))
	defer foreign.Close()
	f := newFakeMS(t)
	f.handle("/tags.json", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, foreign.URL+"/tags.json", http.StatusMovedPermanently)
	})
	o := f.options()
	o.URL = f.url("/tags.json")
	_, err := load(t, o)
	mustContain(t, err, "refusing redirect", foreign.URL, o.URL)
	wantCount(t, f, "/tags.json", 1)
}

func TestUnknownCloud(t *testing.T) {
	// Names are canonical here: the provider maps what users write ("public", "usgovernment").
	for _, name := range []string{"Mars", "public", "AzureGermany"} {
		_, err := NewLoader(Options{}).Load(t.Context(), name)
		mustContain(t, err, fmt.Sprintf("unknown cloud %q", name), `"Public", "AzureGovernment", "China"`)
	}
	mustContain(t, Options{Cloud: "Mars"}.Validate(), `unknown cloud "Mars"`)
}

// A discovered file of another cloud is refused (and never cached under the cloud asked for).
func TestDiscoveredFileOfAnotherCloudRefused(t *testing.T) {
	f := newFakeMS(t)
	f.handle(latestPath, jsonFile(testutil.Snapshot(t, testutil.China), ""))
	o := f.options()
	o.CacheDir, o.CacheTTL = t.TempDir(), time.Hour
	_, err := load(t, o)
	mustContain(t, err, `cloud "Public"`, f.url(latestPath), `holds the "China" cloud`)
	if entries, _ := os.ReadDir(o.CacheDir); len(entries) != 0 {
		t.Errorf("the wrong cloud's file was cached: %v", entries)
	}
}

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
