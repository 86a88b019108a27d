package cidrset

import (
	"cmp"
	"slices"
)

// coalesce joins touching ranges of rs (sorted, disjoint): the fewest ranges covering
// exactly the same addresses.
func coalesce(rs []addrRange) []addrRange {
	out := make([]addrRange, 0, len(rs))
	for _, r := range rs {
		if n := len(out); n > 0 && out[n-1].last.add(u128{lo: 1}) == r.first {
			out[n-1].last = r.last
			continue
		}
		out = append(out, addrRange{first: r.first, last: r.last})
	}
	return out
}

// closeGaps returns the optimal cover of rs (coalesced, more than limit) by limit ranges.
//
// A cover by ranges is rs with some gaps between neighbours closed; closing a gap costs its
// addresses outside allowed (untrusted) and its size, and saves one entry. Entries only
// fall as gaps close and every gap costs at least one address, so the optimum closes
// exactly len(rs)-limit gaps, and the cheapest ones in criteria order: the set with the
// fewest untrusted addresses holds every gap below the last one's untrusted count, and
// among equal counts the smallest. Ties go to the lower address, so the answer is
// deterministic.
func closeGaps(rs []addrRange, limit int, allowed *addrSet) []addrRange {
	type gap struct {
		untrusted, size u128
		at              int // the gap after rs[at]
	}
	gaps := make([]gap, len(rs)-1)
	for i := range gaps {
		first, last := rs[i].last.add(u128{lo: 1}), rs[i+1].first.sub(u128{lo: 1})
		g := gap{size: last.sub(first).add(u128{lo: 1}), at: i}
		g.untrusted = g.size
		if allowed != nil {
			g.untrusted = allowed.outside(first, last)
		}
		gaps[i] = g
	}
	slices.SortFunc(gaps, func(a, b gap) int {
		if c := a.untrusted.cmp(b.untrusted); c != 0 {
			return c
		}
		if c := a.size.cmp(b.size); c != 0 {
			return c
		}
		return cmp.Compare(a.at, b.at)
	})
	closed := make([]bool, len(rs))
	for _, g := range gaps[:len(rs)-limit] {
		closed[g.at] = true
	}
	out := make([]addrRange, 0, limit)
	for i, r := range rs {
		if i > 0 && closed[i-1] {
			out[len(out)-1].last = r.last
			continue
		}
		out = append(out, addrRange{first: r.first, last: r.last})
	}
	return out
}
