package provider

// The security review's eight holes in the way the service tags file reaches the data
// sources, each driven through the provider over the plugin protocol (no Terraform CLI, so
// the same on every Terraform and OpenTofu). Every test here fails when its fix in
// internal/download or internal/servicetags is undone.

import (
	"bytes"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/testutil"
)

const (
	mirrorA = "/mirror/a/ServiceTags_Public_20251028.json"
	mirrorB = "/mirror/b/ServiceTags_Public_20251028.json"
	// plantedPrefix is what an attacker adds to AzureCloud.westeurope: a real, global range
	// that no Microsoft file carries, so only a planted file can put it in a list.
	plantedPrefix = "6.6.6.0/24"
)

// trustNow is the fixed clock of the tests that age a cached copy: three days after the
// 20251028 file.
var trustNow = time.Date(2025, 10, 31, 10, 0, 0, 0, time.UTC)

// Hole 1: a cache folder or entry that someone else could write, or an entry recorded for
// another URL, is not used: the read warns why and downloads. The control proves the planted
// entry is usable, so each refusal is the trust check's doing.
func TestInputTrustCache(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("owner and mode bits are not checked on Windows, where ACLs govern the cache folder")
	}
	t.Parallel()
	ed := newSnapshotEditor(t, testutil.PublicLatest)
	planted := ed.withPrefixes(t, westEuropeTag, append(ed.prefixes(t, westEuropeTag), plantedPrefix)...)
	v4, _ := expectedUnion(t, testutil.Raw(t, testutil.PublicLatest), westEuropeTag)
	const folderUntrusted, entryUntrusted = "Service tags: cache folder not trusted", "Service tags: cache entry not trusted"

	cases := []struct {
		name    string
		summary string // of the warning; "" for the control, where the planted entry is used
		spoil   cacheSpoil
	}{
		{"control: a private folder and entry are used", "", func(_ *testing.T, c *plantedCache) (string, []string) {
			return c.url, nil
		}},
		{"folder writable by group and others", folderUntrusted,
			chmodSpoil(plantedFolder, 0o777, " is writable by group and others (mode drwxrwxrwx)", "chmod 700")},
		{"folder writable by its group", folderUntrusted, chmodSpoil(plantedFolder, 0o770, " is writable by its group (mode drwxrwx---)")},
		{"folder owned by another user", folderUntrusted, func(t *testing.T, c *plantedCache) (string, []string) {
			t.Helper()
			chownToOther(t, c.dir)
			return c.url, []string{fmt.Sprintf("%s is owned by uid 4242, not by the current user (uid %d)", c.dir, os.Getuid())}
		}},
		{"entry writable by its group", entryUntrusted,
			chmodSpoil(plantedBody, 0o660, " is writable by its group (mode -rw-rw----)", "downloaded again")},
		{"entry is a symbolic link to a private file", entryUntrusted, func(t *testing.T, c *plantedCache) (string, []string) {
			t.Helper()
			away := filepath.Join(t.TempDir(), filepath.Base(c.body))
			if err := os.Rename(c.body, away); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(away, c.body); err != nil {
				t.Fatal(err)
			}
			return c.url, []string{c.body + " is a symbolic link"}
		}},
		{"entry of pinned URL A served for URL B", entryUntrusted, func(t *testing.T, c *plantedCache) (string, []string) {
			t.Helper()
			urlB := c.srv.URL + mirrorB
			bodyB, metaB := c.prime(t, urlB)
			for from, to := range map[string]string{c.body: bodyB, c.meta: metaB} {
				if err := os.Rename(from, to); err != nil {
					t.Fatal(err)
				}
			}
			return urlB, []string{metaB + " was recorded for " + c.url + ", not for " + urlB}
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c := plantCache(t, planted)
			readURL, detail := tc.spoil(t, c)
			path := mustParseURL(t, readURL).Path
			asked := c.srv.Count(path)

			diags, state := readWestEurope(t, c.srv.transport(), map[string]string{"cache_dir": c.dir, "service_tags_url": readURL})
			got := stateStrings(t, state, "ipv4_cidrs")
			if tc.summary == "" {
				if len(diags) != 0 || !slices.Contains(got, plantedPrefix) || c.srv.Count(path) != asked {
					t.Fatalf("the planted entry was not used as it is: %s; %s in the list: %v; server asked %d more times",
						describe(diags), plantedPrefix, slices.Contains(got, plantedPrefix), c.srv.Count(path)-asked)
				}
				return
			}
			if hasErrorDiagnostic(diags) || findDiagnostic(diags, tfprotov6.DiagnosticSeverityWarning, append(detail, tc.summary)...) == nil {
				t.Fatalf("want success with a warning %q saying %q, got %s", tc.summary, detail, describe(diags))
			}
			if slices.Contains(got, plantedPrefix) || !slices.Equal(got, v4) {
				t.Fatalf("ipv4_cidrs holds %d prefixes (planted %s among them: %v), want the published %d",
					len(got), plantedPrefix, slices.Contains(got, plantedPrefix), len(v4))
			}
			if n := c.srv.Count(path) - asked; n != 1 {
				t.Fatalf("the server was asked %d times for %s, want once: the untrusted entry must not stand in", n, path)
			}
		})
	}
}

// Hole 2: a prefix that no Microsoft file has carried (too wide, special-purpose, IPv4-mapped)
// rejects the whole file with an error naming the tag and the prefix; no list reaches the state.
func TestInputTrustImplausiblePrefixes(t *testing.T) {
	t.Parallel()
	ed := newSnapshotEditor(t, testutil.PublicLatest)
	published := ed.prefixes(t, westEuropeTag)
	files := map[string]string{}
	for _, bad := range []string{"0.0.0.0/0", "10.0.0.0/8", "127.0.0.0/8", "169.254.0.0/16", "::/0", "::ffff:0.0.0.0/96", "2.0.0.0/7", "2600::/15"} {
		files[bad] = writeFile(t, "ServiceTags_Public_20251028.json", string(ed.withPrefixes(t, westEuropeTag, append(slices.Clone(published), bad)...)))
	}
	for bad, file := range files {
		t.Run(bad, func(t *testing.T) {
			t.Parallel()
			diags, state := readWestEurope(t, offlineTransport(), map[string]string{"service_tags_file": file})
			if findDiagnostic(diags, tfprotov6.DiagnosticSeverityError, "not plausible", `"`+westEuropeTag+`"`, `"`+bad+`"`) == nil {
				t.Fatalf("want an error naming %s and %s, got %s", westEuropeTag, bad, describe(diags))
			}
			if n := listLength(t, state, "address_prefixes"); n != -1 {
				t.Fatalf("an implausible file left %d prefixes in the state", n)
			}
		})
	}
}

// Hole 2, the other side: the gate must not reject a tag whose addressPrefixes list is empty
// (2019–2020 files have 122 of them): selecting it with allow_empty works, and other tags of
// the same file are unaffected.
func TestInputTrustEmptyPrefixListIsValid(t *testing.T) {
	t.Parallel()
	const emptied = "Storage.FranceCentral"
	file := writeFile(t, "ServiceTags_Public_20251028.json", string(newSnapshotEditor(t, testutil.PublicLatest).withPrefixes(t, emptied)))
	args := map[string]string{"service_tags_file": file}

	p := &AzureIPRangeProvider{version: "test", transport: offlineTransport()}
	diags, state := readDataSource(t.Context(), t, p, args, "azureiprange_service_tags",
		map[string]tftypes.Value{"names": stringList(emptied), "allow_empty": tftypes.NewValue(tftypes.Bool, true)})
	if len(diags) != 0 || listLength(t, state, "tags") != 1 || listLength(t, state, "address_prefixes") != 0 {
		t.Fatalf("want %s as one tag with no prefixes, got %s, %d tags, %d prefixes", emptied, describe(diags),
			listLength(t, state, "tags"), listLength(t, state, "address_prefixes"))
	}
	v4, v6 := expectedUnion(t, testutil.Raw(t, testutil.PublicLatest), westEuropeTag)
	diags, state = readWestEurope(t, offlineTransport(), args)
	if len(diags) != 0 || !slices.Equal(stateStrings(t, state, "ipv4_cidrs"), v4) || !slices.Equal(stateStrings(t, state, "ipv6_cidrs"), v6) {
		t.Fatalf("%s of the same file: %s, %d IPv4 prefixes (want %d)", westEuropeTag, describe(diags), listLength(t, state, "ipv4_cidrs"), len(v4))
	}
}

// Hole 3: with the network down, a cached copy stands in only while it is younger than
// max_stale_age (default 336h; "0s": never); an older one fails the read, naming its age.
func TestInputTrustMaxStaleAge(t *testing.T) {
	t.Parallel()
	const day = 24 * time.Hour
	v4, v6 := expectedUnion(t, testutil.Raw(t, testutil.PublicLatest), westEuropeTag)
	cases := []struct {
		name        string
		maxStaleAge string // "": the default
		age         time.Duration
		used        bool
		want        []string // in the warning when used, in the error when refused
	}{
		{"default: 13 days old is used", "", 13 * day, true, []string{"downloaded 13 days ago", "max_stale_age (14 days)"}},
		{"default: 15 days old is refused", "", 15 * day, false, []string{"downloaded 15 days ago, longer ago than max_stale_age (14 days)"}},
		{"72h: 40 hours old is used", "72h", 40 * time.Hour, true, []string{"downloaded 40 hours ago", "max_stale_age (3 days)"}},
		{"72h: 4 days old is refused", "72h", 4 * day, false, []string{"downloaded 4 days ago, longer ago than max_stale_age (3 days)"}},
		{"0s: 7 hours old is refused", "0s", 7 * time.Hour, false, []string{"downloaded 7 hours ago", `max_stale_age = "0s" allows no stale copy`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := newSnapshotServer(t)
			srv.serve(mirrorA, testutil.Snapshot(t, testutil.PublicLatest))
			args := map[string]string{"cache_dir": t.TempDir(), "service_tags_url": srv.URL + mirrorA}
			if tc.maxStaleAge != "" {
				args["max_stale_age"] = tc.maxStaleAge
			}
			if diags, _ := readWestEurope(t, withClock(srv.transport(), trustNow), args); len(diags) != 0 {
				t.Fatalf("priming the cache: %s", describe(diags))
			}
			later := withClock(srv.transport(), trustNow.Add(tc.age))
			srv.Close() // the network fails from now on

			diags, state := readWestEurope(t, later, args)
			if !tc.used {
				if findDiagnostic(diags, tfprotov6.DiagnosticSeverityError, append(tc.want, "so it is not used", "max_stale_age")...) == nil {
					t.Fatalf("want an error saying %q, got %s", tc.want, describe(diags))
				}
				if n := listLength(t, state, "address_prefixes"); n != -1 {
					t.Fatalf("a refused stale copy left %d prefixes in the state", n)
				}
				return
			}
			if hasErrorDiagnostic(diags) || findDiagnostic(diags, tfprotov6.DiagnosticSeverityWarning, append(tc.want, "Service tags: using a stale cached copy")...) == nil {
				t.Fatalf("want success with a warning saying %q, got %s", tc.want, describe(diags))
			}
			if n := listLength(t, state, "address_prefixes"); n != len(v4)+len(v6) {
				t.Fatalf("state holds %d prefixes, want the full %d", n, len(v4)+len(v6))
			}
		})
	}
}

// Hole 4: a download older than the cached copy (change 373 after 375) is used, with a
// warning naming both change numbers: a rollback is never silent.
func TestInputTrustRollbackWarns(t *testing.T) {
	t.Parallel()
	latest, previous := testutil.Raw(t, testutil.PublicLatest), testutil.Raw(t, testutil.PublicPrevious)
	srv := newSnapshotServer(t)
	srv.serve(mirrorA, testutil.Snapshot(t, testutil.PublicLatest))
	args := map[string]string{"cache_dir": t.TempDir(), "service_tags_url": srv.URL + mirrorA}
	if diags, _ := readWestEurope(t, withClock(srv.transport(), trustNow), args); len(diags) != 0 {
		t.Fatalf("priming the cache: %s", describe(diags))
	}
	older := testutil.Snapshot(t, testutil.PublicPrevious)
	srv.Handle(mirrorA, func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write(older) }) // a plain 200, no validators

	diags, state := readWestEurope(t, withClock(srv.transport(), trustNow.Add(7*time.Hour)), args) // past the 6h TTL
	want := []string{"Service tags: older file than the cached one", "change number " + strconv.FormatInt(previous.ChangeNumber, 10),
		"change number " + strconv.FormatInt(latest.ChangeNumber, 10), srv.URL + mirrorA}
	if hasErrorDiagnostic(diags) || findDiagnostic(diags, tfprotov6.DiagnosticSeverityWarning, want...) == nil {
		t.Fatalf("want success with a warning saying %q, got %s", want, describe(diags))
	}
	v4, _ := expectedUnion(t, previous, westEuropeTag)
	if cn := stateString(t, state, "change_number"); cn != strconv.FormatInt(previous.ChangeNumber, 10) || !slices.Equal(stateStrings(t, state, "ipv4_cidrs"), v4) {
		t.Fatalf("state has change number %s and %d IPv4 prefixes, want the downloaded file's %d and %d",
			cn, listLength(t, state, "ipv4_cidrs"), previous.ChangeNumber, len(v4))
	}
}

// Hole 5: credentials in service_tags_url (user:password, a SAS sig) reach the server but
// never the state's source, the cache folder (names or contents) or a diagnostic.
func TestInputTrustCredentialsHidden(t *testing.T) {
	t.Parallel()
	srv := newSnapshotServer(t)
	full := testutil.Snapshot(t, testutil.PublicLatest)
	var failing atomic.Bool
	srv.Handle(mirrorA, func(w http.ResponseWriter, r *http.Request) {
		user, pw, ok := r.BasicAuth()
		switch {
		case !ok || user != "user" || pw != "secret" || r.URL.Query().Get("sig") != "SECRET":
			http.Error(w, "credentials required", http.StatusForbidden)
		case failing.Load():
			http.Error(w, "busy", http.StatusServiceUnavailable)
		default:
			_, _ = w.Write(full)
		}
	})
	withSecrets := strings.Replace(srv.URL, "https://", "https://user:secret@", 1) + mirrorA + "?sv=x&sig=SECRET"
	cacheDir := t.TempDir()
	args := map[string]string{"cache_dir": cacheDir, "service_tags_url": withSecrets}

	diags, state := readWestEurope(t, withClock(srv.transport(), trustNow), args)
	if len(diags) != 0 || listLength(t, state, "address_prefixes") < 1 {
		t.Fatalf("the authenticated download failed: %s", describe(diags))
	}
	if got, want := stateString(t, state, "source"), srv.URL+mirrorA+"?sv=REDACTED&sig=REDACTED"; got != want {
		t.Errorf("source = %q, want %q", got, want)
	}
	for name, content := range testutil.FolderContents(t, cacheDir) {
		noCredentials(t, "the cache file name "+name, name)
		noCredentials(t, "the cache file "+name, content)
	}

	// The server now fails: a stale-copy warning and, without a cache, an error, both naming the URL.
	failing.Store(true)
	diags, state = readWestEurope(t, withClock(srv.transport(), trustNow.Add(7*time.Hour)), args)
	if findDiagnostic(diags, tfprotov6.DiagnosticSeverityWarning, "using a stale cached copy", srv.URL+mirrorA) == nil {
		t.Fatalf("want a stale-copy warning, got %s", describe(diags))
	}
	noCredentials(t, "the stale read's source", stateString(t, state, "source"))
	noCredentials(t, "the stale read's diagnostics", describe(diags))
	args["cache_dir"] = t.TempDir()
	diags, _ = readWestEurope(t, withClock(srv.transport(), trustNow), args)
	if findDiagnostic(diags, tfprotov6.DiagnosticSeverityError, srv.URL+mirrorA, "503") == nil {
		t.Fatalf("want an error naming the URL and the status, got %s", describe(diags))
	}
	noCredentials(t, "the failed read's diagnostics", describe(diags))
}

// Hole 6: a duplicate key whose first value is null ("values": null, "values": [...]) is an
// error, not "the last one wins".
func TestInputTrustDuplicateKeys(t *testing.T) {
	t.Parallel()
	full := string(testutil.Snapshot(t, testutil.PublicLatest))
	tag := strings.Index(full, `"name": "`+westEuropeTag+`"`)
	list := tag + strings.Index(full[tag:], `"addressPrefixes": [`)
	if tag < 0 || list < tag {
		t.Fatalf("test data: no %s addressPrefixes in the snapshot", westEuropeTag)
	}
	for _, tc := range []struct {
		name, body string
		want       []string
	}{
		{`"values": null, then the real list`, strings.Replace(full, `"values": [`, `"values": null, "values": [`, 1),
			[]string{"duplicate key", "in /values;"}},
		{`"addressPrefixes": null, then the real list`, full[:list] + `"addressPrefixes": null, ` + full[list:],
			[]string{"duplicate key", "/properties/addressPrefixes", `(service tag "` + westEuropeTag + `")`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			file := writeFile(t, "ServiceTags_Public_20251028.json", tc.body)
			diags, state := readWestEurope(t, offlineTransport(), map[string]string{"service_tags_file": file})
			if findDiagnostic(diags, tfprotov6.DiagnosticSeverityError, tc.want...) == nil {
				t.Fatalf("want an error saying %q, got %s", tc.want, describe(diags))
			}
			if n := listLength(t, state, "address_prefixes"); n != -1 {
				t.Fatalf("a file with a duplicate key left %d prefixes in the state", n)
			}
		})
	}
}

// Hole 7: a server whose Content-Length is smaller than its body hands over a cut body with
// no transport error; the read fails saying it is truncated, and nothing is cached.
func TestInputTrustShortBody(t *testing.T) {
	t.Parallel()
	full := testutil.Snapshot(t, testutil.PublicLatest)
	half := len(full) / 2
	cacheDir := t.TempDir()
	shortURL := testutil.LyingServer(t, full, half)
	diags, state := readWestEurope(t, offlineTransport(), map[string]string{"cache_dir": cacheDir, "service_tags_url": shortURL})
	want := []string{shortURL, "truncated", fmt.Sprintf("the body ended after %d bytes in the middle of the JSON", half), "Content-Length"}
	if findDiagnostic(diags, tfprotov6.DiagnosticSeverityError, want...) == nil {
		t.Fatalf("want an error saying %q, got %s", want, describe(diags))
	}
	if n := listLength(t, state, "address_prefixes"); n != -1 {
		t.Fatalf("a cut body left %d prefixes in the state", n)
	}
	if files := testutil.FolderContents(t, cacheDir); len(files) != 0 {
		t.Fatalf("the cut body was cached: %d files in %s", len(files), cacheDir)
	}
	// The same hand-written server with a truthful Content-Length works: the server is not the problem.
	honestURL := testutil.LyingServer(t, full, len(full))
	if diags, _ := readWestEurope(t, offlineTransport(), map[string]string{"cache_dir": cacheDir, "service_tags_url": honestURL}); len(diags) != 0 {
		t.Fatalf("a truthful Content-Length failed: %s", describe(diags))
	}
}

// Hole 8: a gzip-compressed file, pinned locally or served as .json.gz bytes, gives exactly
// the prefixes of the plain file.
func TestInputTrustGzip(t *testing.T) {
	t.Parallel()
	gzPath := filepath.Join(testutil.SnapshotDir(), testutil.PublicLatest+".gz")
	gz, err := os.ReadFile(gzPath)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(gz, []byte{0x1f, 0x8b}) {
		t.Fatalf("test data: %s is not gzip", gzPath)
	}
	v4, v6 := expectedUnion(t, testutil.Raw(t, testutil.PublicLatest), westEuropeTag)
	srv := newSnapshotServer(t)
	const gzURLPath = "/mirror/ServiceTags_Public_20251028.json.gz"
	srv.Handle(gzURLPath, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/gzip") // no Content-Encoding: the client sees the gzip bytes
		_, _ = w.Write(gz)
	})
	for _, tc := range []struct {
		name, arg, value string
	}{
		{"service_tags_file", "service_tags_file", gzPath},
		{"service_tags_url", "service_tags_url", srv.URL + gzURLPath},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			diags, state := readWestEurope(t, srv.transport(), map[string]string{tc.arg: tc.value, "cache_dir": t.TempDir()})
			if len(diags) != 0 {
				t.Fatalf("reading the gzip file: %s", describe(diags))
			}
			if !slices.Equal(stateStrings(t, state, "ipv4_cidrs"), v4) || !slices.Equal(stateStrings(t, state, "ipv6_cidrs"), v6) {
				t.Fatalf("got %d IPv4 and %d IPv6 prefixes, want the plain file's %d and %d",
					listLength(t, state, "ipv4_cidrs"), listLength(t, state, "ipv6_cidrs"), len(v4), len(v6))
			}
			if got := stateString(t, state, "source"); got != tc.value {
				t.Errorf("source = %q, want %q", got, tc.value)
			}
		})
	}
}
