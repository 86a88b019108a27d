package servicetags

import (
	"encoding/binary"
	"math/bits"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestSpecialBytes compares the word-at-a-time test with a byte-by-byte one: the lowest
// flagged byte must be the first byte that is not plain string content.
func TestSpecialBytes(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []byte{'a', '0', '/', '.', ':', '"', '\\', 0x00, 0x1f, 0x20, 0x21, 0x7f, 0x80, 0xff, 0x5c ^ 1, 0x22 ^ 1}
	for n := 0; n < 200000; n++ {
		var w [8]byte
		for k := range w {
			if n%2 == 0 {
				w[k] = alphabet[r.IntN(len(alphabet))]
			} else {
				w[k] = byte(r.Uint32())
			}
		}
		want := 8
		for k, c := range w {
			if !plainStringByte[c] {
				want = k
				break
			}
		}
		m := specialBytes(binary.LittleEndian.Uint64(w[:]))
		if got := bits.TrailingZeros64(m) / 8; got != want {
			t.Fatalf("word %q: first special byte %d, want %d", w, got, want)
		}
	}
}

func TestScannerStrings(t *testing.T) {
	tests := []struct {
		in, want string
		wantErr  string
	}{
		{`""`, "", ""},
		{`"abc"`, "abc", ""},
		{`"exactly8"`, "exactly8", ""},
		{`"sixteen-bytes..."`, "sixteen-bytes...", ""},
		{`"` + strings.Repeat("x", 37) + `\n"`, strings.Repeat("x", 37) + "\n", ""},
		{`"` + strings.Repeat("y", 19) + `é"`, strings.Repeat("y", 19) + "é", ""},
		{`"a\"b\\c\/d\b\f\n\r\t"`, "a\"b\\c/d\b\f\n\r\t", ""},
		{`"\u00e9\u20AC\ud83d\ude00"`, "é€😀", ""},
		{`"\ud83dx"`, "\uFFFDx", ""},
		{`"\ude00"`, "\uFFFD", ""},
		{`"\ud83d\u0041"`, "\uFFFDA", ""},
		{"\"a\x01b\"", "", "control character 0x01"},
		{`"abc`, "", "unexpected end of input"},
		{`"abcdefghijkl`, "", "unexpected end of input"},
		{`"a\`, "", "unexpected end of input"},
		{`"\q"`, "", `invalid escape sequence '\q'`},
	}
	for _, tt := range tests {
		s := &scanner{data: []byte(tt.in)}
		got, err := s.str()
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("str(%s) = %q, %v; want error %q", tt.in, got, err, tt.wantErr)
			}
			continue
		}
		if err != nil || string(got) != tt.want || s.pos != len(tt.in) {
			t.Errorf("str(%s) = %q, %v (pos %d); want %q", tt.in, got, err, s.pos, tt.want)
		}
	}
}

func TestSkipSpace(t *testing.T) {
	for _, in := range []string{"x", " x", "\r\n          x", strings.Repeat(" ", 8) + "x", strings.Repeat(" \t\r\n", 9) + "x", "        \n      x"} {
		s := &scanner{data: []byte(in)}
		s.skipSpace()
		if s.pos != len(in)-1 {
			t.Errorf("skipSpace(%q) stopped at %d, want %d", in, s.pos, len(in)-1)
		}
	}
	s := &scanner{data: []byte("   \n\t ")}
	if s.skipSpace(); s.pos != 6 {
		t.Errorf("skipSpace over only whitespace stopped at %d", s.pos)
	}
}
