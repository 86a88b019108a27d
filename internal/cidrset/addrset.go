package cidrset

import (
	"net/netip"
	"sort"
)

// addrSet is a set of addresses of one family, kept as sorted disjoint ranges with the
// number of addresses before each, so that counting the set inside any range takes two
// binary searches.
//
// Counts are kept modulo 2^128: an IPv6 set may hold all 2^128 addresses, which does not
// fit. Every count the package asks for (addresses of a range outside a non-empty set) is
// below 2^128, so wrapping sums and differences still give it exactly.
type addrSet struct {
	ranges []addrRange
	total  u128 // addresses in all ranges
}

// addrRange is the inclusive range first..last, preceded by before addresses of its set.
type addrRange struct {
	first, last, before u128
}

// newAddrSet builds the set of merged (sorted, disjoint) prefixes of one family.
func newAddrSet(merged []netip.Prefix) addrSet {
	s := addrSet{ranges: make([]addrRange, len(merged))}
	for i, p := range merged {
		first, last := prefixRange(p)
		s.ranges[i] = addrRange{first: first, last: last, before: s.total}
		s.total = s.total.add(last.sub(first)).add(u128{lo: 1})
	}
	return s
}

// newRangeSet builds the set of ranges sorted by first address, which may overlap or
// touch; it joins them in place.
func newRangeSet(sorted []addrRange) addrSet {
	out := sorted[:0]
	for _, r := range sorted {
		n := len(out)
		if n > 0 && (r.first == (u128{}) || !out[n-1].last.less(r.first.sub(u128{lo: 1}))) {
			if out[n-1].last.less(r.last) {
				out[n-1].last = r.last
			}
			continue
		}
		out = append(out, addrRange{first: r.first, last: r.last})
	}
	s := addrSet{ranges: out}
	for i := range out {
		out[i].before = s.total
		s.total = s.total.add(out[i].last.sub(out[i].first)).add(u128{lo: 1})
	}
	return s
}

// sum returns the number of addresses in ranges i to j-1.
func (s addrSet) sum(i, j int) u128 {
	end := s.total
	if j < len(s.ranges) {
		end = s.ranges[j].before
	}
	return end.sub(s.ranges[i].before)
}

// prefixRange returns the first and last address of p as integers.
func prefixRange(p netip.Prefix) (first, last u128) {
	first = toU128(p.Addr())
	return first, first.or(hostBits(p.Bits(), p.Addr().BitLen()))
}

// upTo returns the number of addresses of s at or below x.
func (s addrSet) upTo(x u128) u128 {
	// i is the number of ranges starting at or below x; only the last of them can reach past x.
	i := sort.Search(len(s.ranges), func(i int) bool { return x.less(s.ranges[i].first) })
	if i == 0 {
		return u128{}
	}
	r := s.ranges[i-1]
	end := r.last
	if x.less(end) {
		end = x
	}
	return r.before.add(end.sub(r.first)).add(u128{lo: 1})
}

// outside returns the number of addresses in first..last that are not in s.
func (s addrSet) outside(first, last u128) u128 {
	inside := s.upTo(last)
	if first != (u128{}) {
		inside = inside.sub(s.upTo(first.sub(u128{lo: 1})))
	}
	return last.sub(first).add(u128{lo: 1}).sub(inside)
}
