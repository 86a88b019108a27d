package download

import (
	"bufio"
	"fmt"
	"net"
	"net/http"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/testutil"
)

// lyingServer answers every request with body but announces only announced bytes in its
// Content-Length, over a raw connection (net/http's server would refuse to send that).
func lyingServer(t *testing.T, body []byte, announced int) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ln.Close() })
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer conn.Close()
				if _, err := http.ReadRequest(bufio.NewReader(conn)); err != nil {
					return
				}
				_, _ = fmt.Fprintf(conn, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\nConnection: close\r\n\r\n", announced)
				_, _ = conn.Write(body)
			}()
		}
	}()
	return "http://" + ln.Addr().String() + "/mirror/ServiceTags_Public_20251028.json"
}

// A server whose Content-Length is smaller than the body hands the client a cut body with no
// transport error. It is an error that says so, and nothing of it is cached.
func TestLyingContentLengthIsATruncationError(t *testing.T) {
	full := testutil.Snapshot(t, testutil.PublicLatest)
	half := len(full) / 2
	o := Options{URL: lyingServer(t, full, half), CacheDir: t.TempDir(), CacheTTL: time.Hour, Now: func() time.Time { return testNow }}
	_, err := load(t, o)
	mustContain(t, err, o.URL, "truncated", "the body ended after "+strconv.Itoa(half)+" bytes in the middle of the JSON",
		"the server's Content-Length may be wrong, or the download was cut")
	if entries, _ := os.ReadDir(o.CacheDir); len(entries) != 0 {
		t.Errorf("the cut body was cached: %v", entries)
	}
	// A truthful Content-Length on the same raw server works: the test server is not the problem.
	o.URL = lyingServer(t, full, len(full))
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
