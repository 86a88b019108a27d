package cidrset

import (
	"errors"
	"net/netip"
	"slices"
	"strings"
	"testing"
)

// FuzzParseCompact parses two newline-separated lists, the input and the trusted
// prefixes, and compacts them, checking that Merge agrees with netipx, that the result
// covers the input, respects the limit and reports its extra and untrusted extra
// addresses exactly, and that trusting more never admits more untrusted addresses.
func FuzzParseCompact(f *testing.F) {
	f.Add("10.0.0.0/24\n10.0.1.0/24\n10.0.3.7", "", uint8(1))
	f.Add("10.0.0.0\n10.0.0.2\n10.0.0.8", "10.0.0.8/29", uint8(2))
	f.Add("1.0.0.0/8\n255.255.255.255", "0.0.0.0/0", uint8(1))
	f.Add("2001:db8::/48\n2001:db8:1::1\n2001:db8:ffff::/64", "2001:db8::/40\n10.0.0.0/8", uint8(2))
	f.Add("::/1\nffff::/16\n::ffff:1.2.3.4", "::/0", uint8(1))
	f.Add("10.0.0.0/8\n::1", "", uint8(3))
	f.Add("10.0.0.300/24", "", uint8(1))
	f.Add("10.0.0.1", "10.0.0.300/24", uint8(1))
	f.Fuzz(func(t *testing.T, list, trustedList string, rawLimit uint8) {
		in, ok := fuzzParse(t, list)
		if !ok {
			return
		}
		var trusted []netip.Prefix
		if trustedList != "" {
			if trusted, ok = fuzzParse(t, trustedList); !ok {
				return
			}
		}
		limit := int(rawLimit%16) + 1
		rep, err := Compact(t.Context(), in, limit, trusted)
		var whole *WholeFamilyError
		switch {
		case errors.Is(err, errMixedFamilies):
			return
		case errors.As(err, &whole):
			// Either the input covers all unicast space, or a limit that fits the merged input is lossless.
			if everything := coversUnicast(in); everything != whole.InputCoversAll {
				t.Fatalf("Compact(%v, %d): %v, but the input merges to %v", in, limit, err, netipxMerge(in))
			}
			if _, err := Compact(t.Context(), in, len(in), nil); !whole.InputCoversAll && err != nil {
				t.Fatalf("Compact(%v, %d): %v, but without loss: %v", in, limit, whole, err)
			}
			return
		case err != nil:
			t.Fatalf("Compact(%v, %d, %v): %v", in, limit, trusted, err)
		}
		checkCover(t, in, trusted, limit, rep)
		plain, err := Compact(t.Context(), in, limit, nil)
		if err != nil {
			t.Fatalf("Compact(%v, %d) without trusted: %v", in, limit, err)
		}
		// The answer without trusted is a cover too, so the optimum with trusted admits at
		// most its untrusted addresses, and at least its total extra.
		if untrustedExtra(in, trusted, plain.Prefixes).Cmp(rep.UntrustedExtraAddresses) < 0 || plain.ExtraAddresses.Cmp(rep.ExtraAddresses) > 0 {
			t.Fatalf("Compact(%v, %d, %v) = %v (untrusted %s, extra %s) is beaten by %v without trusted",
				in, limit, trusted, rep.Prefixes, rep.UntrustedExtraAddresses, rep.ExtraAddresses, plain.Prefixes)
		}
	})
}

// fuzzParse splits and parses one list, checking the error when it does not parse.
func fuzzParse(t *testing.T, list string) ([]netip.Prefix, bool) {
	t.Helper()
	elems := strings.Split(list, "\n")
	if len(elems) > 64 {
		elems = elems[:64] // keep each run fast
	}
	ps, err := Parse(elems)
	if err != nil {
		var pe *parseError
		if !errors.As(err, &pe) || pe.Index < 0 || pe.Index >= len(elems) || pe.Value != elems[pe.Index] {
			t.Fatalf("bad parse error %v for %q", err, elems)
		}
		return nil, false
	}
	if got, want := Merge(ps), netipxMerge(ps); !slices.Equal(got, want) {
		t.Fatalf("Merge(%v) = %v, netipx %v", ps, got, want)
	}
	return ps, true
}
