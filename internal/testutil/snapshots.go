// Package testutil gives tests offline access to the real service-tags snapshots kept in the
// repository's testdata/servicetags folder (gzip-compressed copies of Microsoft's files).
package testutil

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
)

// Snapshot file names, without the .gz suffix, as Microsoft published them.
const (
	PublicLatest   = "ServiceTags_Public_20251028.json"
	PublicPrevious = "ServiceTags_Public_20251013.json"
	Public2024     = "ServiceTags_Public_20240408.json"
	Government     = "ServiceTags_AzureGovernment_20260720.json"
	China          = "ServiceTags_China_20260720.json"
	Germany        = "ServiceTags_AzureGermany_20220307.json"
)

var (
	cacheMu sync.Mutex
	cache   = map[string][]byte{}
)

// RepoRoot returns the repository's top folder, found from this source file's location.
func RepoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
}

// SnapshotDir is the folder holding the compressed snapshots.
func SnapshotDir() string {
	return filepath.Join(RepoRoot(), "testdata", "servicetags")
}

// SnapshotNames lists every snapshot (without .gz), sorted.
func SnapshotNames(tb testing.TB) []string {
	tb.Helper()
	entries, err := os.ReadDir(SnapshotDir())
	if err != nil {
		tb.Fatalf("reading snapshot folder: %v", err)
	}
	var names []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".json.gz") {
			names = append(names, strings.TrimSuffix(e.Name(), ".gz"))
		}
	}
	sort.Strings(names)
	return names
}

// Snapshot returns the decompressed bytes of a snapshot. Callers must not modify them.
func Snapshot(tb testing.TB, name string) []byte {
	tb.Helper()
	cacheMu.Lock()
	defer cacheMu.Unlock()
	if b, ok := cache[name]; ok {
		return b
	}
	raw, err := os.ReadFile(filepath.Join(SnapshotDir(), name+".gz"))
	if err != nil {
		tb.Fatalf("reading snapshot %s: %v", name, err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		tb.Fatalf("decompressing snapshot %s: %v", name, err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		tb.Fatalf("decompressing snapshot %s: %v", name, err)
	}
	cache[name] = b
	return b
}

// SnapshotFile writes a snapshot, decompressed, into a temporary folder and returns its path.
func SnapshotFile(tb testing.TB, name string) string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), name)
	if err := os.WriteFile(path, Snapshot(tb, name), 0o600); err != nil {
		tb.Fatalf("writing snapshot %s: %v", name, err)
	}
	return path
}
