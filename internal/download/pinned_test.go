package download

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/testutil"
)

func TestPinnedFile(t *testing.T) {
	t.Parallel()
	path := testutil.SnapshotFile(t, testutil.PublicLatest)
	res, err := load(t, Options{File: path, Cloud: "China"}) // Cloud is ignored
	if err != nil {
		t.Fatal(err)
	}
	if res.Source != path || res.FromCache {
		t.Errorf("Source = %q FromCache = %v", res.Source, res.FromCache)
	}
	wantFile(t, res, testutil.PublicLatest)
}

func TestPinnedFileMissing(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "nope", "ServiceTags_Public_20251028.json")
	_, err := load(t, Options{File: path})
	mustContain(t, err, "service_tags_file", path, "no such file")
}

func TestPinnedFileTooLargeOrHTML(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	big := filepath.Join(dir, "big.json")
	if err := os.WriteFile(big, bytes.Repeat([]byte("{"), 2048), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := load(t, Options{File: big, MaxBytes: 1024})
	mustContain(t, err, big, "size limit")

	page := filepath.Join(dir, "page.json")
	if err := os.WriteFile(page, []byte("<html></html>"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = load(t, Options{File: page})
	mustContain(t, err, page, "HTML page")
}

func TestPinnedURL(t *testing.T) {
	t.Parallel()
	body := testutil.Snapshot(t, testutil.China)
	f := newFakeMS(t)
	f.Handle("/mirror/ServiceTags_China_20260720.json", jsonFile(body, `"c1"`))
	o := pinnedOptions(f, "/mirror/ServiceTags_China_20260720.json")
	res, err := load(t, o)
	if err != nil {
		t.Fatal(err)
	}
	wantFile(t, res, testutil.China)
	if res.Source != o.URL {
		t.Errorf("Source = %q", res.Source)
	}
	if f.Total() != 1 {
		t.Errorf("total requests = %d, want 1 (no discovery)", f.Total())
	}
}

func TestPinnedHTTPURLOnLoopbackAllowed(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write(testutil.Snapshot(t, testutil.China))
	}))
	defer srv.Close()
	if _, err := load(t, Options{URL: srv.URL + "/tags.json"}); err != nil {
		t.Fatal(err)
	}
}

func TestPinnedURLValidation(t *testing.T) {
	t.Parallel()
	for _, u := range []string{
		"http://example.com/ServiceTags_Public_20251028.json",
		"http://10.0.0.1/tags.json",
		"http://localhost.example.com/tags.json",
		"ftp://localhost/tags.json",
		"/relative/tags.json",
		"https:///nohost.json",
	} {
		t.Run(u, func(t *testing.T) {
			_, err := load(t, Options{URL: u})
			mustContain(t, err, "service_tags_url", u)
		})
	}
	for _, u := range []string{"http://127.0.0.1:8080/x.json", "http://127.1.2.3/x.json", "http://[::1]/x.json", "http://LOCALHOST/x.json", "https://example.com/x.json"} {
		if err := checkURL(u); err != nil {
			t.Errorf("%s: %v", u, err)
		}
	}
}

func TestPinnedFileAndURLExclusive(t *testing.T) {
	t.Parallel()
	o := Options{File: "a.json", URL: "https://example.com/a.json"}
	_, err := load(t, o)
	mustContain(t, err, "service_tags_file and service_tags_url are both set; set only one")
	mustContain(t, o.Validate(), "both set; set only one")
}

func TestPinned(t *testing.T) {
	t.Parallel()
	if (Options{}).Pinned() || !(Options{File: "x"}).Pinned() || !(Options{URL: "x"}).Pinned() {
		t.Error("Pinned is wrong")
	}
}

func TestBadEndpoints(t *testing.T) {
	t.Parallel()
	_, err := load(t, Options{Cloud: "Public", Endpoints: Endpoints{DetailsPage: "https://www.microsoft.com/download/details.aspx"}})
	mustContain(t, err, "exactly one %d")
	_, err = load(t, Options{Cloud: "Public", Endpoints: Endpoints{DownloadBase: "http://download.microsoft.com"}})
	mustContain(t, err, "must use https")
}
