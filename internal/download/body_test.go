package download

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

func TestReadCapped(t *testing.T) {
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
