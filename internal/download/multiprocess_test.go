package download

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/testutil"
)

// Environment of the child processes started by TestTwoProcessesShareCacheDir.
const (
	childRoleEnv = "AZUREIPRANGE_TEST_CACHE_CHILD"
	childBaseEnv = "AZUREIPRANGE_TEST_CACHE_BASE"
	childDirEnv  = "AZUREIPRANGE_TEST_CACHE_DIR"
)

// TestTwoProcessesShareCacheDir runs two real processes on one cache folder: a writer that
// re-downloads and rewrites the entry in a loop (the server alternates between two different
// weekly files), and a reader that reads it in a loop meanwhile. Every body either process
// accepts must be one of the two files: a half-written mix never parses, and the sha256 check keeps
// a torn pair from being used.
func TestTwoProcessesShareCacheDir(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("starts child processes")
	}
	files := [][]byte{testutil.Snapshot(t, testutil.PublicLatest), testutil.Snapshot(t, testutil.PublicPrevious)}
	var served atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != latestPath {
			http.NotFound(w, r)
			return
		}
		n := served.Add(1)
		w.Header().Set("ETag", strconv.Quote(strconv.FormatInt(n, 10))) // never 304: always a rewrite
		_, _ = w.Write(files[n%2])
	}))
	defer srv.Close()
	dir := t.TempDir()

	var wg sync.WaitGroup
	outputs := make([][]byte, 2)
	errs := make([]error, 2)
	for i, role := range []string{"writer", "reader"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cmd := exec.Command(os.Args[0], "-test.run=^TestCacheChildProcess$", "-test.count=1", "-test.v")
			cmd.Env = append(os.Environ(), childRoleEnv+"="+role, childBaseEnv+"="+srv.URL, childDirEnv+"="+dir)
			outputs[i], errs[i] = cmd.CombinedOutput()
		}()
	}
	wg.Wait()
	for i, role := range []string{"writer", "reader"} {
		if errs[i] != nil {
			t.Fatalf("%s process failed: %v\n%s", role, errs[i], outputs[i])
		}
	}
	if !bytes.Contains(outputs[1], []byte("from cache")) || bytes.Contains(outputs[1], []byte(" 0 from cache")) {
		t.Fatalf("the reader never read the shared cache:\n%s", outputs[1])
	}
	t.Logf("writer:\n%s\nreader:\n%s", outputs[0], outputs[1])
}

// TestCacheChildProcess is the body of one child process; it does nothing in a normal run.
func TestCacheChildProcess(t *testing.T) {
	t.Parallel()
	role := os.Getenv(childRoleEnv)
	if role == "" {
		t.Skip("only runs as a child of TestTwoProcessesShareCacheDir")
	}
	latest, _ := snapshotID(t, testutil.PublicLatest)
	previous, _ := snapshotID(t, testutil.PublicPrevious)
	want := map[int64]bool{latest: true, previous: true}
	o := Options{
		Cloud:     "Public",
		CacheDir:  os.Getenv(childDirEnv),
		Endpoints: Endpoints{DownloadBase: os.Getenv(childBaseEnv), DetailsPage: "http://127.0.0.1:1/details?id=%d", ConfirmationPage: "http://127.0.0.1:1/confirm?id=%d"},
		RetryMax:  -1,
	}
	rounds, fromCache := 40, 0
	if role == "writer" {
		o.CacheTTL = time.Nanosecond // always stale: every round downloads and rewrites the entry
	} else {
		o.CacheTTL, rounds = time.Hour, 120 // each read parses the copy: enough to overlap the writer's 40
	}
	deadline := time.Now().Add(60 * time.Second)
	for i := 0; i < rounds && time.Now().Before(deadline); i++ {
		res, err := load(t, o) // a new Loader each round: nothing is shared but the folder
		if err != nil {
			t.Fatalf("%s round %d: %v", role, i, err)
		}
		if !want[res.File.ChangeNumber] {
			t.Fatalf("%s round %d: change number %d", role, i, res.File.ChangeNumber)
		}
		for _, w := range res.Warnings {
			if w.Summary != "Service tags: older file than the cached one" { // the server alternates old and new
				t.Fatalf("%s round %d: warning %+v", role, i, w)
			}
		}
		if res.FromCache {
			fromCache++
		}
	}
	fmt.Printf("%s: %d rounds, %d from cache\n", role, rounds, fromCache)
}
