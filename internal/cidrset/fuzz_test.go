package cidrset

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

// FuzzParseCompact parses a newline-separated list and compacts it, checking that both
// merges agree and that the result covers the input, respects the limit and reports its extra addresses exactly.
func FuzzParseCompact(f *testing.F) {
	f.Add("10.0.0.0/24\n10.0.1.0/24\n10.0.3.7", uint8(1))
	f.Add("10.0.0.0\n10.0.0.2\n10.0.0.8", uint8(2))
	f.Add("1.0.0.0/8\n255.255.255.255", uint8(1))
	f.Add("2001:db8::/48\n2001:db8:1::1\n2001:db8:ffff::/64", uint8(2))
	f.Add("::/1\nffff::/16\n::ffff:1.2.3.4", uint8(1))
	f.Add("10.0.0.0/8\n::1", uint8(3))
	f.Add("10.0.0.300/24", uint8(1))
	f.Add("", uint8(0))
	f.Fuzz(func(t *testing.T, list string, rawLimit uint8) {
		elems := strings.Split(list, "\n")
		if len(elems) > 64 {
			elems = elems[:64] // keep each run fast
		}
		in, err := Parse(elems)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Index < 0 || pe.Index >= len(elems) || pe.Value != elems[pe.Index] {
				t.Fatalf("bad parse error %v for %q", err, elems)
			}
			return
		}
		if got, want := fastMerge(in), Merge(in); !slices.Equal(got, want) {
			t.Fatalf("fastMerge(%v) = %v, Merge = %v", in, got, want)
		}
		limit := int(rawLimit%16) + 1
		rep, err := Compact(in, limit)
		if errors.Is(err, ErrMixedFamilies) {
			return
		}
		if err != nil {
			t.Fatalf("Compact(%v, %d): %v", in, limit, err)
		}
		checkCover(t, in, limit, rep)
	})
}
