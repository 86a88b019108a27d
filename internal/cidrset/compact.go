package cidrset

import (
	"errors"
	"fmt"
	"math/big"
	"net/netip"
)

// ErrMixedFamilies is returned by Compact when the input holds both IPv4 and IPv6 prefixes.
var ErrMixedFamilies = errors.New("the list mixes IPv4 and IPv6 prefixes; compact IPv4 and IPv6 separately, " +
	"each with its own limit (one budget over both families degenerates: the optimum may spend " +
	"almost every entry on IPv6 and answer 0.0.0.0/0 for IPv4)")

// Report describes the result of Compact.
type Report struct {
	// Prefixes is the result: sorted, canonical (Merge leaves it unchanged).
	Prefixes []netip.Prefix
	// InputCount is the number of input prefixes as given, before merging.
	InputCount int
	// MergedCount is the number of prefixes after the lossless Merge. When it is at most
	// the limit, the result is that merge and nothing was added.
	MergedCount int
	// OutputCount is len(Prefixes).
	OutputCount int
	// InputAddresses is the number of addresses covered by the input.
	InputAddresses *big.Int
	// ExtraAddresses is the number of addresses the result covers that the input does not.
	ExtraAddresses *big.Int
	// WidestPrefixLength is the shortest prefix length in the result; -1 when it is empty.
	WidestPrefixLength int
}

// Compact returns at most limit prefixes whose union contains every input address and
// that add the fewest possible addresses not in the input (the exact optimum). Among
// optimal covers it returns the one with the fewest entries; it is deterministic.
//
// Inputs are normalized and merged as Merge does. limit must be at least 1; inputs mixing
// IPv4 and IPv6 yield ErrMixedFamilies; invalid (zero) prefixes are an error; an empty
// input yields an empty report.
//
// The algorithm is a dynamic program over the compressed binary trie of the merged
// prefixes (see solve); it runs in O(n·limit) time for n merged prefixes.
func Compact(p []netip.Prefix, limit int) (Report, error) {
	if limit < 1 {
		return Report{}, fmt.Errorf("limit must be at least 1, got %d", limit)
	}
	for i, q := range p {
		if !q.IsValid() {
			return Report{}, fmt.Errorf("element %d is not a valid prefix", i)
		}
	}
	merged := fastMerge(p)
	rep := Report{
		InputCount:         len(p),
		MergedCount:        len(merged),
		InputAddresses:     countAddresses(merged),
		ExtraAddresses:     new(big.Int),
		WidestPrefixLength: -1,
	}
	if len(merged) == 0 {
		rep.Prefixes = []netip.Prefix{}
		return rep, nil
	}
	// Merge sorts IPv4 before IPv6, so the ends tell whether both are present.
	if merged[0].Addr().Is4() != merged[len(merged)-1].Addr().Is4() {
		return Report{}, ErrMixedFamilies
	}
	if len(merged) <= limit {
		rep.Prefixes = merged
	} else {
		var extra u128
		rep.Prefixes, extra = solve(merged, limit)
		rep.ExtraAddresses = extra.bigInt()
	}
	rep.OutputCount = len(rep.Prefixes)
	rep.WidestPrefixLength = widest(rep.Prefixes)
	return rep, nil
}

// countAddresses sums the sizes of disjoint prefixes.
func countAddresses(ps []netip.Prefix) *big.Int {
	total, one := new(big.Int), big.NewInt(1)
	size := new(big.Int)
	for _, q := range ps {
		total.Add(total, size.Lsh(one, uint(q.Addr().BitLen()-q.Bits())))
	}
	return total
}

// widest returns the shortest prefix length in ps, or -1 when ps is empty.
func widest(ps []netip.Prefix) int {
	w := -1
	for _, q := range ps {
		if w < 0 || q.Bits() < w {
			w = q.Bits()
		}
	}
	return w
}
