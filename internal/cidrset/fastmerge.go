package cidrset

import (
	"net/netip"
	"slices"
)

// fastMerge returns the same list as Merge for valid prefixes. Compact uses it because
// netipx's general range builder allocates per prefix and dominated Compact's run time on
// large inputs; the tests check that both agree.
//
// Prefixes are sorted by address, shorter first on ties, then swept once with a stack of
// disjoint blocks: a prefix inside the top block is dropped (only the top can contain it,
// as blocks below end before the top starts), and two sibling halves on top are replaced
// by their parent, repeatedly, so every completed aligned block is joined.
func fastMerge(p []netip.Prefix) []netip.Prefix {
	ps := make([]netip.Prefix, len(p))
	for i, q := range p {
		ps[i] = normalize(q)
	}
	slices.SortFunc(ps, func(a, b netip.Prefix) int {
		if c := a.Addr().Compare(b.Addr()); c != 0 {
			return c
		}
		return a.Bits() - b.Bits()
	})
	out := ps[:0] // the stack reuses ps: it never grows past the read position
	for _, q := range ps {
		if n := len(out); n > 0 && out[n-1].Overlaps(q) {
			continue // sorted order: an overlapping top starts first, so it contains q
		}
		out = append(out, q)
		for n := len(out); n >= 2 && siblings(out[n-2], out[n-1]); n = len(out) {
			parent, _ := out[n-2].Addr().Prefix(out[n-2].Bits() - 1)
			out = append(out[:n-2], parent)
		}
	}
	return out
}

// siblings reports whether a and b are the two halves of one prefix, a first.
func siblings(a, b netip.Prefix) bool {
	if a.Bits() != b.Bits() || a.Bits() == 0 || a.Addr().BitLen() != b.Addr().BitLen() {
		return false
	}
	pa, _ := a.Addr().Prefix(a.Bits() - 1)
	pb, _ := b.Addr().Prefix(b.Bits() - 1)
	return pa == pb && a.Addr() != b.Addr()
}
