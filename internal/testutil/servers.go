package testutil

import (
	"bufio"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"testing"
)

// LyingServer answers every request with body but announces only announced bytes in its
// Content-Length, written by hand on a raw connection (net/http's server refuses to send
// that), so a client sees a cut body and no transport error. It returns the URL of a file on
// it: plain http on loopback, which service_tags_url accepts.
func LyingServer(tb testing.TB, body []byte, announced int) string {
	tb.Helper()
	ln, err := (&net.ListenConfig{}).Listen(tb.Context(), "tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = ln.Close() })
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

// FolderContents maps each file name in dir to its bytes: what a cache folder holds.
func FolderContents(tb testing.TB, dir string) map[string]string {
	tb.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		tb.Fatal(err)
	}
	out := map[string]string{}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			tb.Fatal(err)
		}
		out[e.Name()] = string(b)
	}
	return out
}
