package cidrset

import (
	"math/big"
	"net/netip"
	"slices"
)

// Merge returns the unique shortest list of prefixes covering exactly the same addresses
// as p: duplicates and nested prefixes are dropped and adjacent ones joined. The result is
// sorted numerically, IPv4 before IPv6. Prefixes are normalized as Parse does (host bits
// cleared, IPv4-mapped /96+ unmapped); invalid (zero) prefixes are ignored.
//
// Prefixes are sorted by address, shorter first on ties, then swept once with a stack of
// disjoint blocks: a prefix overlapping the top block lies inside it (only the top can
// contain it, as blocks below end before the top starts), and two sibling halves on top
// are replaced by their parent, repeatedly, so every completed aligned block is joined.
func Merge(p []netip.Prefix) []netip.Prefix {
	ps := make([]netip.Prefix, 0, len(p))
	for _, q := range p {
		if q.IsValid() {
			ps = append(ps, normalize(q))
		}
	}
	// Addr.Compare orders IPv4 before IPv6, then numerically.
	slices.SortFunc(ps, func(a, b netip.Prefix) int {
		if c := a.Addr().Compare(b.Addr()); c != 0 {
			return c
		}
		return a.Bits() - b.Bits()
	})
	out := ps[:0] // the stack reuses ps: it never grows past the read position
	for _, q := range ps {
		if n := len(out); n > 0 && out[n-1].Overlaps(q) {
			continue
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

// Strings formats each prefix in CIDR notation, in order.
func Strings(p []netip.Prefix) []string {
	out := make([]string, len(p))
	for i, q := range p {
		out[i] = q.String()
	}
	return out
}

// Addresses counts the addresses the prefixes cover, per family, counting overlaps once.
func Addresses(p []netip.Prefix) (ipv4, ipv6 *big.Int) {
	ipv4, ipv6 = new(big.Int), new(big.Int)
	one := big.NewInt(1)
	for _, q := range Merge(p) {
		size := new(big.Int).Lsh(one, uint(q.Addr().BitLen()-q.Bits()))
		if q.Addr().Is4() {
			ipv4.Add(ipv4, size)
		} else {
			ipv6.Add(ipv6, size)
		}
	}
	return ipv4, ipv6
}
