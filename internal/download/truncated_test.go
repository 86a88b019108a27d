package download

import (
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/testutil"
)

// A server whose Content-Length is smaller than the body hands the client a cut body with no
// transport error. It is an error that says so, and nothing of it is cached.
func TestLyingContentLengthIsATruncationError(t *testing.T) {
	full := testutil.Snapshot(t, testutil.PublicLatest)
	half := len(full) / 2
	o := Options{URL: testutil.LyingServer(t, full, half), CacheDir: t.TempDir(), CacheTTL: time.Hour, Now: func() time.Time { return testNow }}
	_, err := load(t, o)
	mustContain(t, err, o.URL, "truncated", "the body ended after "+strconv.Itoa(half)+" bytes in the middle of the JSON",
		"the server's Content-Length may be wrong, or the download was cut")
	if entries, _ := os.ReadDir(o.CacheDir); len(entries) != 0 {
		t.Errorf("the cut body was cached: %v", entries)
	}
	// A truthful Content-Length on the same raw server works: the test server is not the problem.
	o.URL = testutil.LyingServer(t, full, len(full))
	wantFile(t, mustLoad(t, o), testutil.PublicLatest)
}

func TestPinnedFileTruncated(t *testing.T) {
	path := testutil.SnapshotFile(t, testutil.China)
	full, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, full[:1000], 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = load(t, Options{File: path})
	mustContain(t, err, "service_tags_file "+path, "truncated", "ended after 1000 bytes", "incomplete")
}

func TestEndsMidJSON(t *testing.T) {
	for body, want := range map[string]bool{
		`{"values":[`:           true,
		"\ufeff{\"a\":\"b":      true,
		`{"values":[]}`:         false, // complete: a schema error, not truncation
		`{"values":[}`:          false, // broken in the middle
		`{"values":[]} trailer`: false,
	} {
		if got := endsMidJSON([]byte(body)); got != want {
			t.Errorf("endsMidJSON(%q) = %v, want %v", body, got, want)
		}
	}
}
