package cidrset

import (
	"fmt"
	"net/netip"
)

// family holds what the fail-closed check needs of one address family: its width and the
// unicast space that an allow-list must never cover whole.
type family struct {
	name        string
	width       int
	first, last u128 // the unicast space, inclusive
	space       string
}

var (
	ipv4 = family{name: "IPv4", width: 32, first: u128{}, last: u128{lo: 0xdfffffff},
		space: "every unicast IPv4 address (0.0.0.0–223.255.255.255, as 0.0.0.0/0 does)"}
	ipv6 = family{name: "IPv6", width: 128, first: u128{hi: 0x2000 << 48}, last: u128{hi: 0x3fff<<48 | 1<<48 - 1, lo: ^uint64(0)},
		space: "every global unicast IPv6 address (2000::/3, as ::/0 does)"}
)

// familyOf returns the family of a.
func familyOf(a netip.Addr) family {
	if a.Is4() {
		return ipv4
	}
	return ipv6
}

// coveredBy reports whether the sorted, disjoint ranges cover the family's unicast space.
func (f family) coveredBy(rs []addrRange) bool {
	next := f.first // the lowest unicast address not yet covered
	for _, r := range rs {
		if next.less(r.first) {
			return false
		}
		if !r.last.less(next) {
			if !r.last.less(f.last) {
				return true
			}
			next = r.last.add(u128{lo: 1})
		}
	}
	return false
}

// ranges converts address ranges of the family to Ranges.
func (f family) ranges(rs []addrRange) []Range {
	out := make([]Range, len(rs))
	for i, r := range rs {
		out[i] = Range{First: addrPrefix(r.first, f.width, f.width).Addr(), Last: addrPrefix(r.last, f.width, f.width).Addr()}
	}
	return out
}

// WholeFamilyError is returned when the input or the result would cover all unicast space of
// its family, which as an allow-list admits the whole internet: 0.0.0.0/0, but also
// 0.0.0.0/1 with 128.0.0.0/2 and 192.0.0.0/3, which leave out only multicast and reserved space.
type WholeFamilyError struct {
	// Family is "IPv4" or "IPv6".
	Family string
	// Limit is the limit the cover was given.
	Limit int
	// Entries names the entries of the shape ("prefixes", "range").
	Entries string
	// InputCoversAll is true when the input alone already covers that space.
	InputCoversAll bool
}

// Error says what the result would have been and what to do about it.
func (e *WholeFamilyError) Error() string {
	space := ipv4.space
	if e.Family == "IPv6" {
		space = ipv6.space
	}
	if e.InputCoversAll {
		return fmt.Sprintf("the list covers %s, so as an allow-list it admits the whole internet; "+
			"list only the addresses to allow", space)
	}
	return fmt.Sprintf("compacting to at most %d %s would cover %s, which as an allow-list "+
		"admits the whole internet; use a larger limit, or pass a trusted list so that widening stays inside trusted space",
		e.Limit, e.Entries, space)
}
