package cidrset

import (
	"fmt"
	"net/netip"
)

// Shape is the form of a cover's entries. Consumers of allow-lists differ: most take
// prefixes, some refuse one prefix length (Azure Storage takes no /31), and some take
// start-end ranges (Azure SQL firewall rules), which close a gap of any size.
type Shape struct {
	ranges bool
	avoid  int // a prefix length the cover never uses; 0 for none
}

// Prefixes is the shape of canonical CIDR prefixes.
var Prefixes = Shape{}

// Ranges is the shape of inclusive first-last address ranges.
var Ranges = Shape{ranges: true}

// PrefixesWithout is the shape of prefixes that never have the given length, which must
// lie between 8 and 127 and below the input family's width (Cover refuses an IPv4 input
// for a length of 32 or more). A prefix of that length is written as its two halves or
// widened to its parent, whichever the optimum prefers. Widening a /1 or /2 to its parent
// would count more than 2^32 IPv4 addresses twice and overflow the solver's packed IPv4
// costs (cost4); no consumer avoids so short a length, so lengths below 8 are refused.
func PrefixesWithout(bits int) Shape {
	if bits < 8 || bits > 127 {
		panic(fmt.Sprintf("cidrset: PrefixesWithout(%d): the length must be 8 to 127", bits))
	}
	return Shape{avoid: bits}
}

// String names the shape.
func (s Shape) String() string {
	switch {
	case s.ranges:
		return "ranges"
	case s.avoid > 0:
		return fmt.Sprintf("prefixes without /%d", s.avoid)
	default:
		return "prefixes"
	}
}

// entries names the shape's entries for a count, for messages.
func (s Shape) entries(n int) string {
	switch {
	case s.ranges && n == 1:
		return "range"
	case s.ranges:
		return "ranges"
	case n == 1:
		return "prefix"
	default:
		return "prefixes"
	}
}

// Range is an inclusive range of addresses of one family.
type Range struct {
	First, Last netip.Addr
}

// String formats the range as first-last, such as 20.38.64.0-20.38.95.255.
func (r Range) String() string {
	return r.First.String() + "-" + r.Last.String()
}

// splitLength replaces each prefix of merged (sorted, disjoint) that has length bits by
// its two halves: the fewest entries of the shape PrefixesWithout(bits) covering exactly
// the same addresses.
func splitLength(merged []netip.Prefix, bits int) []netip.Prefix {
	out := make([]netip.Prefix, 0, len(merged))
	for _, p := range merged {
		if p.Bits() != bits {
			out = append(out, p)
			continue
		}
		first, last := prefixRange(p)
		w := p.Addr().BitLen()
		out = append(out, addrPrefix(first, bits+1, w), addrPrefix(last.andNot(hostBits(bits+1, w)), bits+1, w))
	}
	return out
}
