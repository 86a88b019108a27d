package cidrset

import (
	"math/rand/v2"
	"net/netip"
	"slices"
	"testing"

	"go4.org/netipx"
)

// TestAddrSetOutside checks the interval counts against netipx on random sets and
// ranges, including sets holding every address (whose size wraps to 0).
func TestAddrSetOutside(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 5))
	bases := []netip.Prefix{netip.MustParsePrefix("0.0.0.0/0"), netip.MustParsePrefix("::/0")}
	for iter := 0; iter < 3000; iter++ {
		base := bases[iter%2]
		bitLen := base.Addr().BitLen()
		random := func() netip.Prefix {
			var b [16]byte
			for i := range b {
				b[i] = byte(r.IntN(4)) // few distinct addresses, so prefixes nest and touch
			}
			a := netip.AddrFrom16(b)
			if bitLen == 32 {
				a = netip.AddrFrom4([4]byte(b[12:]))
			}
			return netip.PrefixFrom(a, r.IntN(bitLen+1)).Masked()
		}
		set := make([]netip.Prefix, 1+r.IntN(6))
		for i := range set {
			set[i] = random()
		}
		merged := Merge(set)
		s := newAddrSet(merged)
		oracle := ipSet(merged)
		// The same set from the raw, overlapping prefixes, as allowedSet builds it.
		raw := make([]addrRange, len(set))
		for i, p := range set {
			raw[i].first, raw[i].last = prefixRange(p)
		}
		slices.SortFunc(raw, func(a, b addrRange) int { return a.first.cmp(b.first) })
		joined := newRangeSet(raw)
		if joined.total != s.total {
			t.Fatalf("set %v: newRangeSet counts %v addresses, newAddrSet %v", set, joined.total, s.total)
		}
		for range 10 {
			p := random()
			// The count outside a non-empty set always fits 128 bits.
			var b netipx.IPSetBuilder
			b.AddPrefix(p)
			b.RemoveSet(oracle)
			rest, _ := b.IPSet()
			want := countAddresses(rest.Prefixes())
			if got := s.outside(prefixRange(p)).bigInt(); got.Cmp(want) != 0 {
				t.Fatalf("set %v: outside(%s) = %s, want %s", merged, p, got, want)
			}
			if got := joined.outside(prefixRange(p)).bigInt(); got.Cmp(want) != 0 {
				t.Fatalf("set %v joined from ranges: outside(%s) = %s, want %s", set, p, got, want)
			}
		}
	}
}
