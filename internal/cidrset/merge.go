package cidrset

import (
	"net/netip"

	"go4.org/netipx"
)

// Merge returns the unique shortest list of prefixes covering exactly the same addresses
// as p: duplicates and nested prefixes are dropped and adjacent ones joined. The result is
// sorted numerically, IPv4 before IPv6. Prefixes are normalized as Parse does (host bits
// cleared, IPv4-mapped /96+ unmapped); invalid (zero) prefixes are ignored.
func Merge(p []netip.Prefix) []netip.Prefix {
	var b netipx.IPSetBuilder
	for _, q := range p {
		if q.IsValid() {
			b.AddPrefix(normalize(q))
		}
	}
	// The builder only errs on invalid input, which was filtered above.
	set, _ := b.IPSet()
	out := set.Prefixes()
	if out == nil {
		out = []netip.Prefix{}
	}
	return out
}

// Strings formats each prefix in CIDR notation, in order.
func Strings(p []netip.Prefix) []string {
	out := make([]string, len(p))
	for i, q := range p {
		out[i] = q.String()
	}
	return out
}
