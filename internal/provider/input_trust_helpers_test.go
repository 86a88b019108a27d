package provider

// Helpers of the input-trust tests: planted and forged cache entries, snapshots with one
// tag's prefixes edited, and file ownership and modes.

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/download"
	"github.com/azureiprange/terraform-provider-azureiprange/internal/testutil"
)

// withClock sets the transport's clock, for cache ages.
func withClock(transport download.Options, now time.Time) download.Options {
	transport.Now = func() time.Time { return now }
	return transport
}

// plantedCache is a cache folder with a real entry for the pinned URL url (primed by one
// read through srv) whose body an attacker then replaced.
type plantedCache struct {
	srv        *snapshotServer
	dir, url   string
	body, meta string // the entry's two files
}

// plantCache primes a cache folder from a server serving the real file at mirrorA and
// mirrorB, then forges mirrorA's entry to hold planted.
func plantCache(t *testing.T, planted []byte) *plantedCache {
	t.Helper()
	srv := newSnapshotServer(t)
	for _, path := range []string{mirrorA, mirrorB} {
		srv.serve(path, testutil.Snapshot(t, testutil.PublicLatest))
	}
	c := &plantedCache{srv: srv, dir: t.TempDir(), url: srv.URL + mirrorA}
	c.body, c.meta = c.prime(t, c.url)
	forgeEntry(t, c.body, c.meta, planted)
	return c
}

// cacheSpoil makes a planted cache untrustworthy for TestInputTrustCache; it returns the URL
// to read and what the warning's detail must say.
type cacheSpoil func(t *testing.T, c *plantedCache) (readURL string, detail []string)

// chmodSpoil is the cacheSpoil of the permission rows, which differ only in the file, the mode
// and the words: it gives file(c) mode, and the warning must say file(c)+says, and more.
func chmodSpoil(file func(*plantedCache) string, mode os.FileMode, says string, more ...string) cacheSpoil {
	return func(t *testing.T, c *plantedCache) (string, []string) {
		t.Helper()
		chmodPath(t, file(c), mode)
		return c.url, append([]string{file(c) + says}, more...)
	}
}

// plantedFolder and plantedBody pick the file a chmodSpoil changes: the cache folder, or the
// planted entry's body.
func plantedFolder(c *plantedCache) string { return c.dir }
func plantedBody(c *plantedCache) string   { return c.body }

// prime reads rawURL into the cache folder and returns the entry the read wrote.
func (c *plantedCache) prime(t *testing.T, rawURL string) (body, meta string) {
	t.Helper()
	before := testutil.FolderContents(t, c.dir)
	if diags, _ := readWestEurope(t, c.srv.transport(), map[string]string{"cache_dir": c.dir, "service_tags_url": rawURL}); len(diags) != 0 {
		t.Fatalf("priming the cache with %s: %s", rawURL, describe(diags))
	}
	for name := range testutil.FolderContents(t, c.dir) {
		if _, old := before[name]; !old && strings.HasSuffix(name, ".meta.json") {
			meta = filepath.Join(c.dir, name)
			return strings.TrimSuffix(meta, ".meta.json") + ".json", meta
		}
	}
	t.Fatalf("reading %s wrote no cache entry into %s", rawURL, c.dir)
	return "", ""
}

// forgeEntry replaces a cache entry's body and rewrites its metadata to match (size and
// sha256), as someone who can write the folder would; the files keep their private modes.
func forgeEntry(t *testing.T, bodyPath, metaPath string, body []byte) {
	t.Helper()
	raw, err := os.ReadFile(metaPath)
	if err != nil {
		t.Fatal(err)
	}
	var meta map[string]any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&meta); err != nil {
		t.Fatalf("cache metadata %s: %v", metaPath, err)
	}
	if _, ok := meta["sha256"]; !ok {
		t.Fatalf("cache metadata %s has no sha256: the format changed, update this test", metaPath)
	}
	sum := sha256.Sum256(body)
	meta["sha256"], meta["size"] = hex.EncodeToString(sum[:]), len(body)
	forged, err := json.Marshal(meta)
	if err != nil {
		t.Fatal(err)
	}
	for path, data := range map[string][]byte{bodyPath: body, metaPath: forged} {
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
}

// snapshotEditor is a real snapshot decoded with encoding/json, to re-encode with one tag's
// prefixes changed. It is not safe for concurrent use: build files before parallel subtests.
type snapshotEditor struct {
	doc  map[string]any
	tags map[string]map[string]any // tag name → its properties, inside doc
}

func newSnapshotEditor(t *testing.T, snapshot string) *snapshotEditor {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(testutil.Snapshot(t, snapshot)))
	dec.UseNumber() // change numbers and region ids stay exactly as published
	e := &snapshotEditor{tags: map[string]map[string]any{}}
	if err := dec.Decode(&e.doc); err != nil {
		t.Fatal(err)
	}
	values, _ := e.doc["values"].([]any)
	for _, v := range values {
		tag, _ := v.(map[string]any)
		name, _ := tag["name"].(string)
		props, _ := tag["properties"].(map[string]any)
		e.tags[name] = props
	}
	return e
}

// prefixes are a tag's published addressPrefixes.
func (e *snapshotEditor) prefixes(t *testing.T, tag string) []string {
	t.Helper()
	props, ok := e.tags[tag]
	if !ok {
		t.Fatalf("test data: no tag %s", tag)
	}
	list, _ := props["addressPrefixes"].([]any)
	out := make([]string, len(list))
	for i, p := range list {
		out[i], _ = p.(string)
	}
	return out
}

// withPrefixes is the snapshot with tag's addressPrefixes replaced by prefixes (an empty
// list when there are none); the editor's copy is left as it was.
func (e *snapshotEditor) withPrefixes(t *testing.T, tag string, prefixes ...string) []byte {
	t.Helper()
	props, ok := e.tags[tag]
	if !ok {
		t.Fatalf("test data: no tag %s", tag)
	}
	saved := props["addressPrefixes"]
	defer func() { props["addressPrefixes"] = saved }()
	list := make([]any, len(prefixes))
	for i, p := range prefixes {
		list[i] = p
	}
	props["addressPrefixes"] = list
	out, err := json.Marshal(e.doc)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// noCredentials fails when text shows any part of the URL's credentials.
func noCredentials(t *testing.T, where, text string) {
	t.Helper()
	for _, secret := range []string{"secret", "user:"} { // "secret" also catches SECRET
		if strings.Contains(strings.ToLower(text), secret) {
			t.Errorf("%s shows %q:\n%s", where, secret, text)
		}
	}
}

func chmodPath(t *testing.T, path string, mode os.FileMode) {
	t.Helper()
	if err := os.Chmod(path, mode); err != nil {
		t.Fatal(err)
	}
}

// chownToOther gives path to uid 4242, which only root can do.
func chownToOther(t *testing.T, path string) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("giving a folder to another user needs root")
	}
	if err := os.Chown(path, 4242, 4242); err != nil {
		t.Fatal(err)
	}
}

func mustParseURL(t *testing.T, raw string) *url.URL {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u
}
