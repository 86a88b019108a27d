package download

import (
	"bytes"
	"errors"
	"io"
	"os"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/testutil"
)

func TestReadCapped(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name      string
		size      int
		limit     int64
		hint      int64
		wantError bool
	}{
		{"unknown length under cap", 100000, 200000, -1, false},
		{"exactly the cap", 4096, 4096, -1, false},
		{"one over the cap", 4097, 4096, -1, true},
		{"far over the cap", 1 << 20, 4096, -1, true},
		{"announced over the cap", 10, 5, 10, true},
		{"announced shorter than sent, over cap", 5000, 4096, 100, true},
		{"empty", 0, 10, 0, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			data := bytes.Repeat([]byte("x"), tt.size)
			got, err := readCapped(iotest.HalfReader(bytes.NewReader(data)), tt.limit, tt.hint)
			if tt.wantError {
				if !errors.Is(err, errTooLarge) {
					t.Fatalf("want errTooLarge, got %v", err)
				}
				return
			}
			if err != nil || !bytes.Equal(got, data) {
				t.Fatalf("got %d bytes, %v", len(got), err)
			}
			if int64(cap(got)) > tt.limit+1 {
				t.Errorf("allocated %d bytes for a %d-byte cap", cap(got), tt.limit)
			}
		})
	}
	_, err := readCapped(iotest.ErrReader(io.ErrUnexpectedEOF), 10, -1)
	if !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("read errors must pass through, got %v", err)
	}
}

func TestDecodeBody(t *testing.T) {
	t.Parallel()
	for body, want := range map[string]string{
		"{}":               "",
		"\ufeff {\"a\":1}": "",
		"":                 "empty body",
		"\ufeff":           "empty body",
		"<!doctype html>":  "HTML page",
		"null":             "does not look like",
	} {
		_, err := decodeBody([]byte(body), 100, "src")
		if want == "" {
			if err != nil {
				t.Errorf("%q: %v", body, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "src") {
			t.Errorf("%q: got %v, want %q", body, err, want)
		}
	}
}

// A server whose Content-Length is smaller than the body hands the client a cut body with no
// transport error. It is an error that says so, and nothing of it is cached.
func TestLyingContentLengthIsATruncationError(t *testing.T) {
	t.Parallel()
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
	t.Parallel()
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
	t.Parallel()
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
