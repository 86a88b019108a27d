//go:build unix

package download

import (
	"bytes"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/testutil"
)

// otherUID owns what "another local user" planted.
const otherUID = 4242

// plantedBody is the real file with a forged change number: what an attacker who can write
// the cache folder leaves there (sha256 recomputed, real ETag copied).
func plantedBody(t *testing.T) []byte {
	t.Helper()
	return bytes.Replace(testutil.Snapshot(t, testutil.PublicLatest), []byte(`"changeNumber": 375,`), []byte(`"changeNumber": 999,`), 1)
}

// plantForged puts the forged entry for Public into o's cache folder, fresh and with the real ETag.
func plantForged(t *testing.T, f *fakeMS, o Options) {
	t.Helper()
	plant(t, o.CacheDir, "public", cacheMeta{
		URL: f.URLOf(latestPath), Source: f.URLOf(latestPath), ETag: `"v1"`, FetchedAt: testNow, ChangeNumber: 999,
	}, plantedBody(t))
}

// chownToOtherUser makes path another user's: for real as root, else by changing whom the
// cache must belong to (which then affects every path, so only folder cases can use it, and
// their test must not be parallel: every other test's loader reads currentUID).
func chownToOtherUser(t *testing.T, path string, folder bool) {
	t.Helper()
	if os.Geteuid() == 0 {
		if err := os.Lchown(path, otherUID, otherUID); err != nil {
			t.Fatal(err)
		}
		return
	}
	if !folder {
		t.Skip("needs root to chown a single cache entry to another user")
	}
	saved := currentUID
	currentUID = func() int { return otherUID }
	t.Cleanup(func() { currentUID = saved })
}

// Control for the tests below: in a trusted folder, a well-formed entry is used as it is.
// That is why the trust checks must come first.
func TestForgedEntryInTrustedFolderIsUsed(t *testing.T) {
	t.Parallel()
	f := newFakeMS(t)
	f.Handle(latestPath, jsonFile(testutil.Snapshot(t, testutil.PublicLatest), `"v1"`))
	o := cachedOptions(t, f)
	plantForged(t, f, o)
	res := mustLoad(t, o)
	if !res.FromCache || res.File.ChangeNumber != 999 || len(res.Warnings) != 0 {
		t.Fatalf("FromCache %v change number %d warnings %+v", res.FromCache, res.File.ChangeNumber, res.Warnings)
	}
}

// otherOwnerReason is what the warning says of a folder chownToOtherUser gave away: as root the
// folder is otherUID's, otherwise the folder stays the tester's and otherUID is made "current".
func otherOwnerReason() string {
	owner, current := otherUID, 0
	if os.Geteuid() != 0 {
		owner, current = os.Getuid(), otherUID
	}
	return fmt.Sprintf("is owned by uid %d, not by the current user (uid %d)", owner, current)
}

// A cache folder someone else owns or may write is ignored with a warning that says whose it
// is or which mode it has; the file is downloaded and nothing is written there. Not parallel:
// without root, chownToOtherUser changes whom every cache must belong to.
func TestUntrustedCacheFolderIgnored(t *testing.T) {
	for _, tc := range []struct {
		name  string
		spoil func(t *testing.T, dir string)
		want  []string
	}{
		{"writable by group and others", chmod(0o777), []string{"writable by group and others (mode drwxrwxrwx)"}},
		{"writable by its group", chmod(0o770), []string{"writable by its group (mode drwxrwx---)"}},
		{"writable by others", chmod(0o703), []string{"writable by others (mode drwx----wx)"}},
		{"owned by another user", func(t *testing.T, dir string) { t.Helper(); chownToOtherUser(t, dir, true) }, []string{otherOwnerReason()}},
		// Whoever may rename entries of a folder above could swap in an older cache folder.
		{"folder above writable by others", func(t *testing.T, dir string) { t.Helper(); chmod(0o777)(t, filepath.Dir(dir)) },
			[]string{"sits in ", "which is writable by group and others without the sticky bit (mode drwxrwxrwx)"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeMS(t)
			f.Handle(latestPath, jsonFile(testutil.Snapshot(t, testutil.PublicLatest), `"v1"`))
			o := cachedOptions(t, f)
			plantForged(t, f, o)
			tc.spoil(t, o.CacheDir)
			before := testutil.FolderContents(t, o.CacheDir)

			res := mustLoad(t, o)
			wantFile(t, res, testutil.PublicLatest)
			if res.FromCache || f.Conditional() != 0 {
				t.Errorf("FromCache %v, conditional requests %d: the untrusted entry was used", res.FromCache, f.Conditional())
			}
			wantWarning(t, res, "Service tags: cache folder not trusted", append(tc.want, o.CacheDir, "chmod 700", "cache_dir")...)
			if after := testutil.FolderContents(t, o.CacheDir); !equalContents(before, after) {
				t.Error("the load wrote into the untrusted folder")
			}
		})
	}
}

// A cache entry file that is a link, another user's, or writable by others is ignored with a
// warning naming the file; the download replaces it, and the next run uses the cache again.
func TestUntrustedCacheEntryIgnored(t *testing.T) {
	t.Parallel()
	body := func(dir string) string { return (&diskCache{dir: dir}).bodyPath("public") }
	meta := func(dir string) string { return (&diskCache{dir: dir}).metaPath("public") }
	for _, tc := range []struct {
		name  string
		spoil func(t *testing.T, dir string) string // returns the path the warning must name
		want  string
	}{
		{"metadata writable by others", func(t *testing.T, dir string) string { t.Helper(); return chmodFile(t, meta(dir), 0o606) }, "is writable by others (mode -rw----rw-)"},
		{"body writable by its group", func(t *testing.T, dir string) string { t.Helper(); return chmodFile(t, body(dir), 0o660) }, "is writable by its group (mode -rw-rw----)"},
		{"body is a symbolic link", func(t *testing.T, dir string) string { t.Helper(); return symlinkAway(t, body(dir)) }, "is a symbolic link"},
		{"metadata is a symbolic link", func(t *testing.T, dir string) string { t.Helper(); return symlinkAway(t, meta(dir)) }, "is a symbolic link"},
		{"body owned by another user", func(t *testing.T, dir string) string {
			t.Helper()
			chownToOtherUser(t, body(dir), false)
			return body(dir)
		}, fmt.Sprintf("is owned by uid %d, not by the current user (uid 0)", otherUID)}, // root only
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeMS(t)
			f.Handle(latestPath, jsonFile(testutil.Snapshot(t, testutil.PublicLatest), `"v1"`))
			o := cachedOptions(t, f)
			plantForged(t, f, o)
			path := tc.spoil(t, o.CacheDir)

			res := mustLoad(t, o)
			wantFile(t, res, testutil.PublicLatest)
			if res.FromCache || f.Conditional() != 0 {
				t.Errorf("FromCache %v, conditional requests %d: the untrusted entry was used", res.FromCache, f.Conditional())
			}
			wantWarning(t, res, "Service tags: cache entry not trusted", path+" "+tc.want, "downloaded again")
			again := mustLoad(t, o)
			if !again.FromCache || len(again.Warnings) != 0 || again.File.ChangeNumber != 375 {
				t.Errorf("the download did not replace the untrusted entry: FromCache %v warnings %+v", again.FromCache, again.Warnings)
			}
		})
	}
}

// An entry whose recorded URL is not what is asked for is not used: a pinned URL's entry must
// record exactly that URL, a discovered file's entry an address on the download host.
func TestCacheEntryForAnotherURLIgnored(t *testing.T) {
	t.Parallel()
	t.Run("pinned URL", func(t *testing.T) {
		f := newFakeMS(t)
		f.Handle("/a.json", jsonFile(testutil.Snapshot(t, testutil.China), `"a"`))
		f.Handle("/b.json", jsonFile(testutil.Snapshot(t, testutil.Government), `"a"`))
		oa := cachedOptions(t, f)
		oa.URL = f.URLOf("/a.json")
		primeCache(t, oa)
		// A's entry, filed under B's key.
		ob := oa
		ob.URL = f.URLOf("/b.json")
		c := &diskCache{dir: oa.CacheDir}
		from, to := cacheKeyForURL(oa.URL), cacheKeyForURL(ob.URL)
		for _, path := range []func(string) string{c.bodyPath, c.metaPath} {
			if err := os.Rename(path(from), path(to)); err != nil {
				t.Fatal(err)
			}
		}
		res := mustLoad(t, ob)
		wantFile(t, res, testutil.Government)
		wantWarning(t, res, "Service tags: cache entry not trusted", "was recorded for "+oa.URL+", not for "+ob.URL)
		wantCount(t, f, "/b.json", 1)
		if f.Conditional() != 0 {
			t.Error("A's validators were sent for B")
		}
	})
	for name, m := range map[string]cacheMeta{
		"discovered URL on another host":    {URL: "https://download.microsoft.com.evil.example/ServiceTags_Public_20251028.json"},
		"discovered source on another host": {Source: "https://evil.example/ServiceTags_Public_20251028.json"},
	} {
		t.Run(name, func(t *testing.T) {
			f := newFakeMS(t)
			f.Handle(latestPath, jsonFile(testutil.Snapshot(t, testutil.PublicLatest), `"v1"`))
			o := cachedOptions(t, f)
			m.URL, m.Source = cmpOr(m.URL, f.URLOf(latestPath)), cmpOr(m.Source, f.URLOf(latestPath))
			m.ETag, m.FetchedAt, m.ChangeNumber = `"v1"`, testNow, 999
			plant(t, o.CacheDir, "public", m, plantedBody(t))
			res := mustLoad(t, o)
			wantFile(t, res, testutil.PublicLatest)
			wantWarning(t, res, "Service tags: cache entry not trusted", "evil.example", "only "+f.URL+" links are trusted")
		})
	}
}

// Two pins that differ only where the shown address is redacted (a ?ref= value, a token,
// user:password) are two files: one's cached entry never answers, or sends validators, for
// the other.
func TestPinsDifferingOnlyInRedactedPartsAreApart(t *testing.T) {
	t.Parallel()
	f := newFakeMS(t)
	f.Handle("/raw", func(w http.ResponseWriter, r *http.Request) {
		snapshot := map[string]string{"public": testutil.PublicLatest, "china": testutil.China}[r.URL.Query().Get("ref")]
		jsonFile(testutil.Snapshot(t, snapshot), `"`+r.URL.Query().Get("ref")+`"`)(w, r)
	})
	o := cachedOptions(t, f)
	o.URL = f.URLOf("/raw?ref=public")
	wantFile(t, mustLoad(t, o), testutil.PublicLatest)
	o.URL = f.URLOf("/raw?ref=china")
	res := mustLoad(t, o)
	wantFile(t, res, testutil.China)
	if res.FromCache || len(res.Warnings) != 0 || f.Conditional() != 0 {
		t.Errorf("FromCache %v, warnings %+v, conditional requests %d: the other pin's entry was used", res.FromCache, res.Warnings, f.Conditional())
	}
	o.URL = f.URLOf("/raw?ref=public")
	if again := mustLoad(t, o); !again.FromCache || again.File.Cloud != "Public" {
		t.Errorf("the first pin's entry is gone: FromCache %v, cloud %s", again.FromCache, again.File.Cloud)
	}
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func chmod(mode os.FileMode) func(*testing.T, string) {
	return func(t *testing.T, dir string) {
		t.Helper()
		if err := os.Chmod(dir, mode); err != nil {
			t.Fatal(err)
		}
	}
}

func chmodFile(t *testing.T, path string, mode os.FileMode) string {
	t.Helper()
	chmod(mode)(t, path)
	return path
}

// symlinkAway moves the file out of the folder and leaves a link to it in its place.
func symlinkAway(t *testing.T, path string) string {
	t.Helper()
	away := filepath.Join(t.TempDir(), filepath.Base(path))
	if err := os.Rename(path, away); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(away, path); err != nil {
		t.Fatal(err)
	}
	return path
}

func equalContents(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// When the load then fails, the warning that the cache was not trusted still comes back with
// the error: it explains why no cached copy could stand in.
func TestUntrustedCacheWarningSurvivesAFailedLoad(t *testing.T) {
	t.Parallel()
	f := newFakeMS(t)
	o := cachedOptions(t, f)
	plantForged(t, f, o)
	chmod(0o777)(t, o.CacheDir)
	f.Close()
	res, err := load(t, o)
	mustContain(t, err, "every discovery step failed")
	if res == nil || res.File != nil {
		t.Fatalf("want the warnings without a file, got %+v", res)
	}
	wantWarning(t, res, "Service tags: cache folder not trusted", o.CacheDir)
}

// A folder above the cache that others may write is fine with the sticky bit (as /tmp has):
// no one can rename another user's folder there.
func TestCacheUnderStickyFolderTrusted(t *testing.T) {
	f := newFakeMS(t)
	f.Handle(latestPath, jsonFile(testutil.Snapshot(t, testutil.PublicLatest), `"v1"`))
	o := cachedOptions(t, f)
	chmod(0o777|os.ModeSticky)(t, filepath.Dir(o.CacheDir))
	mustLoad(t, o)
	res := mustLoad(t, o)
	if !res.FromCache || len(res.Warnings) != 0 {
		t.Fatalf("FromCache %v, warnings %+v: the cache under a sticky folder must be used", res.FromCache, res.Warnings)
	}
}
