package download

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/servicetags"
	"github.com/azureiprange/terraform-provider-azureiprange/internal/testutil"
)

// Stable paths on the fake download host, as on download.microsoft.com.
const (
	publicPrefix = "/download/7/1/D/71D86715-5596-4529-9B13-DA13A5DE5B63/"
	govPrefix    = "/download/6/4/D/64DB03BF-895B-4173-A8B1-BA4AD5D4DF22/"
	latestPath   = publicPrefix + "ServiceTags_Public_Latest.json"
	publicDated  = publicPrefix + "ServiceTags_Public_20251028.json"
	govDated     = govPrefix + "ServiceTags_AzureGovernment_20251028.json"
	detailsPath  = "/download/details.aspx"
	confirmPath  = "/download/confirmation.aspx"
)

// testNow is the fixed clock: 2025-10-31, three days after the 20251028 Public file.
var testNow = time.Date(2025, 10, 31, 10, 0, 0, 0, time.UTC)

// fakeMS stands in for both www.microsoft.com and download.microsoft.com.
type fakeMS struct {
	*testutil.RouteServer
}

func newFakeMS(t *testing.T) *fakeMS {
	t.Helper()
	return &fakeMS{testutil.NewRouteServer(t)}
}

// options points every endpoint at this server, with fast retries and a fixed clock.
func (f *fakeMS) options() Options {
	return Options{
		Cloud: "Public",
		Endpoints: Endpoints{
			DownloadBase:     f.URL,
			DetailsPage:      f.URL + detailsPath + "?id=%d",
			ConfirmationPage: f.URL + confirmPath + "?id=%d",
		},
		HTTPClient:     f.Client(),
		RequestTimeout: 5 * time.Second,
		RetryMax:       2,
		RetryWaitMin:   time.Millisecond,
		RetryWaitMax:   5 * time.Millisecond,
		UserAgent:      "terraform-provider-azureiprange/test",
		Now:            func() time.Time { return testNow },
	}
}

// jsonFile serves body with an ETag and answers a matching If-None-Match with 304.
func jsonFile(body []byte, etag string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if etag != "" {
			w.Header().Set("ETag", etag)
			if r.Header.Get("If-None-Match") == etag {
				w.WriteHeader(http.StatusNotModified)
				return
			}
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Last-Modified", "Tue, 28 Oct 2025 19:59:20 GMT")
		_, _ = w.Write(body)
	}
}

// status answers every request with code.
func status(code int) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) { http.Error(w, http.StatusText(code), code) }
}

// detailsPageHTML imitates a Download Center details page: a React shell whose data sits in
// window.__DLCDetails__, with braces and quotes inside strings to trip naive parsers.
func detailsPageHTML(files ...[2]string) string {
	type file struct {
		Name          string `json:"name"`
		URL           string `json:"url"`
		Size          string `json:"size"`
		Version       string `json:"version"`
		DatePublished string `json:"datePublished"`
	}
	var fs []file
	for _, nf := range files {
		fs = append(fs, file{Name: nf[0], URL: nf[1], Size: "4108133", Version: "2025.10.28", DatePublished: "10/28/2025 7:59:20 PM"})
	}
	details := map[string]any{
		"dlcDetailsView": map[string]any{
			"error":               "",
			"downloadTitle":       "Azure IP Ranges and Service Tags – Public Cloud",
			"downloadDescription": `This file contains the IP address ranges for Public Azure {as a whole}, each region and "service tags"; a stray "};</script>" must not end the object.`,
			"detailsSection":      `<p>Version: 2025.10.28</p><p>Date Published: 10/28/2025</p>`,
			"downloadFile":        fs,
			"relatedResources":    []map[string]string{{"url": "https://learn.microsoft.com/azure/virtual-network/service-tags-overview", "title": "Service tags overview"}},
		},
		"locale": "en-us",
	}
	raw, err := json.Marshal(details)
	if err != nil {
		panic(err)
	}
	return `<!DOCTYPE html><html lang="en-us" dir="ltr"><head><meta charset="utf-8"/>
<title>Download Azure IP Ranges and Service Tags – Public Cloud from Official Microsoft Download Center</title>
<script>window.__CONFIG__={"theme":{"dark":false}};</script></head>
<body><div id="root"></div>
<script>window.__DLCDetails__=` + string(raw) + `;</script>
<script src="/onerf/static/js/main.js" defer></script></body></html>`
}

// confirmationPageHTML imitates the older confirmation page with a manual download link.
func confirmationPageHTML(link string) string {
	return `<!DOCTYPE html><html><head><title>Thank you for downloading Azure IP Ranges and Service Tags – Public Cloud</title></head>
<body><div class="thankyou-page">
<p>Your download should start automatically. If it doesn't,
<a href="` + link + `" class="mscom-link failoverLink" data-bi-name="click here to download manually">click here to download manually</a>.</p>
<a href='https://go.microsoft.com/fwlink/?LinkId=521839'>Privacy &amp; cookies</a>
</div></body></html>`
}

// htmlPage serves s as text/html.
func htmlPage(s string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = fmt.Fprint(w, s)
	}
}

// logRecorder collects Log hook messages.
type logRecorder struct {
	mu   sync.Mutex
	msgs []string
}

func (l *logRecorder) log(_ context.Context, msg string, fields map[string]any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.msgs = append(l.msgs, fmt.Sprintf("%s %v", msg, fields))
}

// all is every message with its fields, one a line.
func (l *logRecorder) all() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.msgs, "\n")
}

func (l *logRecorder) has(substr string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, m := range l.msgs {
		if strings.Contains(m, substr) {
			return true
		}
	}
	return false
}

// mustContain fails unless err's message holds every part.
func mustContain(t *testing.T, err error, parts ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("expected an error containing %q, got nil", parts)
	}
	for _, p := range parts {
		if !strings.Contains(err.Error(), p) {
			t.Errorf("error does not mention %q:\n%v", p, err)
		}
	}
}

// wantCount checks a per-path request count.
func wantCount(t *testing.T, f *fakeMS, path string, want int) {
	t.Helper()
	if got := f.Count(path); got != want {
		t.Errorf("requests to %s = %d, want %d", path, got, want)
	}
}

// load is one Load by a fresh Loader: a new provider process, sharing only the disk cache.
func load(t *testing.T, o Options) (*Loaded, error) {
	t.Helper()
	return NewLoader(o).Load(t.Context(), "")
}

// mustLoad is load that fails the test on an error.
func mustLoad(t *testing.T, o Options) *Loaded {
	t.Helper()
	res, err := load(t, o)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// countingLoader is NewLoader with its parses counted.
func countingLoader(o Options, calls *atomic.Int64) *Loader {
	l := NewLoader(o)
	l.parse = func(b []byte) (*servicetags.File, error) {
		calls.Add(1)
		return servicetags.Parse(b)
	}
	return l
}

var snapshotIDs sync.Map // name → [2]any{changeNumber, cloud}

// snapshotID is a snapshot's changeNumber and cloud, read with encoding/json (not the parser under test).
func snapshotID(t *testing.T, name string) (int64, string) {
	t.Helper()
	if v, ok := snapshotIDs.Load(name); ok {
		id := v.([2]any)
		return id[0].(int64), id[1].(string)
	}
	var head struct {
		ChangeNumber int64  `json:"changeNumber"`
		Cloud        string `json:"cloud"`
	}
	if err := json.Unmarshal(testutil.Snapshot(t, name), &head); err != nil {
		t.Fatal(err)
	}
	snapshotIDs.Store(name, [2]any{head.ChangeNumber, head.Cloud})
	return head.ChangeNumber, head.Cloud
}

// wantFile fails unless res holds the named snapshot.
func wantFile(t *testing.T, res *Loaded, name string) {
	t.Helper()
	cn, cloud := snapshotID(t, name)
	if res == nil || res.File == nil {
		t.Fatalf("no file, want %s", name)
	}
	if res.File.ChangeNumber != cn || res.File.Cloud != cloud {
		t.Errorf("got change number %d of %s, want %d of %s (%s)", res.File.ChangeNumber, res.File.Cloud, cn, cloud, name)
	}
}

// wantCacheEntryIgnored fails unless res is the PublicLatest snapshot downloaded afresh from
// latestPath, with requests requests to it in all, none conditional and no warning, and the
// cache entry was logged as unusable. entry names that entry in the failure messages.
func wantCacheEntryIgnored(t *testing.T, f *fakeMS, res *Loaded, logs *logRecorder, requests int, entry string) {
	t.Helper()
	wantFile(t, res, testutil.PublicLatest)
	if res.FromCache || len(res.Warnings) != 0 {
		t.Errorf("FromCache %v warnings %+v: %s must be ignored, and that is logged, not a warning", res.FromCache, res.Warnings, entry)
	}
	wantCount(t, f, latestPath, requests)
	if n := f.Conditional(); n != 0 {
		t.Errorf("%d conditional requests: %s's validators were sent, and a 304 would have kept it", n, entry)
	}
	if !logs.has("ignoring unusable cache entry") {
		t.Errorf("%s was not logged as unusable", entry)
	}
}

// wantWarning fails unless res has exactly one warning, with this summary and every part in its detail.
func wantWarning(t *testing.T, res *Loaded, summary string, parts ...string) {
	t.Helper()
	if len(res.Warnings) != 1 || res.Warnings[0].Summary != summary {
		t.Fatalf("warnings %+v, want one %q", res.Warnings, summary)
	}
	for _, p := range parts {
		if !strings.Contains(res.Warnings[0].Detail, p) {
			t.Errorf("warning does not mention %q:\n%s", p, res.Warnings[0].Detail)
		}
	}
}
