package download

import (
	"maps"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/testutil"
)

// secrets a pinned URL may carry: user:password and an Azure Blob SAS token.
var secrets = []string{"alice", "s3cret-pw", "SECRET-SIG", "2024-05-04", "racwdl"}

const credentials = "alice:s3cret-pw@"
const sasQuery = "?sv=2024-05-04&sp=racwdl&sig=SECRET-SIG%3D"

// noSecrets fails when text shows any part of the credentials.
func noSecrets(t *testing.T, where, text string) {
	t.Helper()
	for _, s := range secrets {
		if strings.Contains(text, s) {
			t.Errorf("%s shows %q:\n%s", where, s, text)
		}
	}
}

// The request uses the full URL; Source, errors, warnings, logs and the cache (contents and
// file names) never show its credentials or query values.
func TestCredentialsNeverShown(t *testing.T) {
	t.Parallel()
	f := newFakeMS(t)
	f.Handle("/tags.json", func(w http.ResponseWriter, r *http.Request) {
		user, pw, ok := r.BasicAuth()
		if !ok || user != "alice" || pw != "s3cret-pw" || r.URL.Query().Get("sig") != "SECRET-SIG=" {
			http.Error(w, "no", http.StatusForbidden)
			return
		}
		jsonFile(testutil.Snapshot(t, testutil.China), `"c1"`)(w, r)
	})
	f.Handle("/busy.json", status(http.StatusServiceUnavailable))
	f.Handle("/away.json", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "https://evil.example/tags.json?sig=SECRET-SIG", http.StatusFound)
	})
	withSecrets := func(path string) string {
		return strings.Replace(f.URLOf(path), "https://", "https://"+credentials, 1) + sasQuery
	}
	var logs logRecorder
	o := cachedOptions(t, f)
	o.URL, o.Log = withSecrets("/tags.json"), logs.log

	res := mustLoad(t, o)
	wantFile(t, res, testutil.China)
	if want := f.URLOf("/tags.json") + "?sv=REDACTED&sp=REDACTED&sig=REDACTED"; res.Source != want {
		t.Errorf("Source = %q, want %q", res.Source, want)
	}
	// Revalidation still authenticates, and the stale fallback shows no secret either.
	mustLoad(t, at(o, testNow.Add(25*time.Hour)))
	wantCount(t, f, "/tags.json", 2)
	if f.Conditional() != 1 {
		t.Errorf("conditional requests = %d, want 1", f.Conditional())
	}
	for _, path := range []string{"/missing.json", "/busy.json", "/away.json"} {
		bad := o
		bad.URL = withSecrets(path)
		_, err := load(t, bad)
		if err == nil {
			t.Fatalf("%s: no error", path)
		}
		noSecrets(t, "the error for "+path, err.Error())
	}
	f.Close()
	stale := mustLoad(t, at(o, testNow.Add(50*time.Hour)))
	if len(stale.Warnings) != 1 {
		t.Fatalf("warnings %+v", stale.Warnings)
	}
	noSecrets(t, "the stale warning", stale.Warnings[0].Detail)

	noSecrets(t, "Source", res.Source)
	noSecrets(t, "the logs", logs.all())
	cache := testutil.FolderContents(t, o.CacheDir)
	if len(cache) != 2 {
		t.Fatalf("the cache folder holds %d files, want 2: %v", len(cache), slices.Sorted(maps.Keys(cache)))
	}
	for name, content := range cache {
		noSecrets(t, "cache file "+name, name+"\n"+content)
	}
}

func TestCheckURLHidesCredentials(t *testing.T) {
	t.Parallel()
	for _, raw := range []string{
		"http://" + credentials + "example.com/tags.json" + sasQuery,
		"ftp://" + credentials + "localhost/tags.json" + sasQuery,
		"https://" + credentials + "example.com:port/tags.json" + sasQuery,
		"https:" + credentials + "example.com/tags.json",
		// A password with an unescaped / ? or #: the parser's message would quote part of it.
		"https://alice:s3cret-pw/Xy7@example.com/tags.json",
		"https://alice:s3cret-pw?Xy7@example.com/tags.json",
		"https://alice:s3cret-pw#Xy7@example.com/tags.json",
		"https://alice:2024/racwdl@example.com/tags.json", // parses: host "alice", port 2024
	} {
		err := checkURL(raw)
		mustContain(t, err, "service_tags_url")
		noSecrets(t, "CheckURL", err.Error())
		noSecrets(t, "redactURL", redactURL(raw))
		if strings.Contains(err.Error(), "Xy7") {
			t.Errorf("CheckURL(%q) shows part of the password: %v", raw, err)
		}
	}
	mustContain(t, checkURL("http://"+credentials+"example.com/tags.json"+sasQuery), `"http://example.com/tags.json?sv=REDACTED&sp=REDACTED&sig=REDACTED"`, "plain http")
	if err := checkURL("https://" + credentials + "example.com/tags.json" + sasQuery); err != nil {
		t.Errorf("credentials are allowed in the URL itself: %v", err)
	}
}

func TestRedactURL(t *testing.T) {
	t.Parallel()
	for raw, want := range map[string]string{
		"https://download.microsoft.com/x/ServiceTags_Public_20251028.json": "https://download.microsoft.com/x/ServiceTags_Public_20251028.json",
		"https://u:p@mirror.example/tags.json":                              "https://mirror.example/tags.json",
		"https://u@mirror.example/tags.json#frag":                           "https://mirror.example/tags.json",
		"https://acct.blob.core.windows.net/c/t.json?sv=1&sig=abc%3D&flag":  "https://acct.blob.core.windows.net/c/t.json?sv=REDACTED&sig=REDACTED&REDACTED",
		"https://www.microsoft.com/download/details.aspx?id=56519":          "https://www.microsoft.com/download/details.aspx?id=56519",
		"https://download.microsoft.com/x/y.json?a=1":                       "https://download.microsoft.com/x/y.json?a=1",
		"https://u:p@download.microsoft.com/x/y.json?a=1":                   "https://download.microsoft.com/x/y.json?a=REDACTED",
		"https://mirror.example/t.json?SECRETTOKEN123":                      "https://mirror.example/t.json?REDACTED",
		"https://mirror.example/t.json?v=1&SECRETTOKEN123":                  "https://mirror.example/t.json?v=REDACTED&REDACTED",
		"https://alice:12/34@mirror.example/t.json":                         "(a URL that does not parse)",
		"https://mirror.example/t.json?code=12345678901&pin=":               "https://mirror.example/t.json?code=REDACTED&pin=REDACTED",
		"https://host:bad port/":                                            "(a URL that does not parse)",
		"https:u:p@host/x":                                                  "(a URL that does not parse)",
		"https:opaque/x":                                                    "https:(opaque)",
		"/relative/tags.json":                                               "/relative/tags.json",
	} {
		if got := redactURL(raw); got != want {
			t.Errorf("redactURL(%q) = %q, want %q", raw, got, want)
		}
	}
}
