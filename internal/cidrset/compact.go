package cidrset

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"net/netip"
	"slices"
)

// errEmpty is returned for an empty input: an empty allow-list is no restriction at all.
var errEmpty = errors.New("the list is empty; an empty allow-list (such as AKS authorized_ip_ranges) " +
	"disables the restriction and opens the API server to every address, so at least one prefix is required")

// errMixedFamilies is returned when the input holds both IPv4 and IPv6 prefixes.
var errMixedFamilies = errors.New("the list mixes IPv4 and IPv6 prefixes; compact IPv4 and IPv6 separately, " +
	"each with its own limit (one budget over both families degenerates: the optimum may spend " +
	"almost every entry on IPv6 and answer 0.0.0.0/0 for IPv4)")

// Report describes the result of a cover.
type Report struct {
	// Prefixes is the result of a prefix shape, sorted by address; nil for Ranges. Under
	// Prefixes it is canonical (Merge leaves it unchanged).
	Prefixes []netip.Prefix
	// Ranges is the result of the Ranges shape, sorted and separated by gaps; nil otherwise.
	Ranges []Range
	// InputCount is the number of input prefixes as given, before merging.
	InputCount int
	// MergedCount is the number of entries of the shape that cover the input exactly, as
	// few as possible. When it is at most the limit, the result is that exact cover.
	MergedCount int
	// OutputCount is the number of entries in the result.
	OutputCount int
	// InputAddresses is the number of addresses covered by the input.
	InputAddresses *big.Int
	// ExtraAddresses is the number of addresses the result covers that the input does not.
	ExtraAddresses *big.Int
	// UntrustedExtraAddresses is the part of ExtraAddresses outside the trusted prefixes;
	// it equals ExtraAddresses when there are none.
	UntrustedExtraAddresses *big.Int
	// WidestPrefixLength is the shortest prefix length in a prefix shape's result; for
	// Ranges, the shortest length of the smallest prefixes holding each range.
	WidestPrefixLength int
	// LargestEntryAddresses is the number of addresses of the result's largest entry.
	LargestEntryAddresses *big.Int
}

// Compact returns at most limit prefixes whose union contains every input address: Cover
// with the Prefixes shape.
func Compact(ctx context.Context, p []netip.Prefix, limit int, trusted []netip.Prefix) (Report, error) {
	return Cover(ctx, p, limit, trusted, Prefixes)
}

// Cover returns at most limit entries of the given shape whose union contains every input
// address. The result is the exact optimum (not a heuristic) of, in this order:
//
//  1. the number of added addresses outside both the input and trusted ("untrusted extra");
//  2. the number of added addresses in total;
//  3. the number of entries.
//
// Ties left after that are broken the same way every time, so the result is
// deterministic. With no trusted prefixes, criteria 1 and 2 coincide.
//
// Inputs are normalized and merged as Merge does. trusted may hold prefixes of either
// family; only those of the input's family count. Errors: limit below 1, an invalid
// (zero) prefix in either list, errEmpty for an empty input, errMixedFamilies for an
// input holding IPv4 and IPv6, *WholeFamilyError when the input or the result would
// cover all unicast space of the family, and the context's error when ctx ends first.
//
// Prefix shapes run a dynamic program over the compressed binary trie of the merged
// prefixes (see solver) in O(n·limit + n·log m) time for n merged input and m merged
// input and trusted prefixes; Ranges closes the cheapest gaps in O(n·log m).
func Cover(ctx context.Context, p []netip.Prefix, limit int, trusted []netip.Prefix, shape Shape) (Report, error) {
	merged, err := mergeInput(p, limit, trusted)
	if err != nil {
		return Report{}, err
	}
	input, fam := newAddrSet(merged), familyOf(merged[0].Addr())
	allowed := allowedSet(input, fam, trusted)
	if shape.avoid >= fam.width {
		return Report{}, fmt.Errorf("the shape %s does not apply to %s, whose prefixes are at most /%d", shape, fam.name, fam.width)
	}
	if fam.coveredBy(input.ranges) {
		return Report{}, &WholeFamilyError{Family: fam.name, Limit: limit, Entries: shape.entries(limit), InputCoversAll: true}
	}
	rep := Report{InputCount: len(p), InputAddresses: input.total.bigInt()}
	var spans []addrRange // the result's entries as address ranges, in order
	if shape.ranges {
		exact := coalesce(input.ranges)
		out := exact
		if len(exact) > limit {
			out = closeGaps(exact, limit, allowed)
		}
		rep.MergedCount, spans = len(exact), out
		rep.Ranges = fam.ranges(out)
	} else {
		leaves := merged
		if shape.avoid > 0 {
			// The solver indexes input by leaf: the split halves are leaves of their own.
			leaves = splitLength(merged, shape.avoid)
			input = newAddrSet(leaves)
		}
		out := leaves
		if len(leaves) > limit {
			if out, err = solve(ctx, leaves, limit, input, allowed, shape.avoid); err != nil {
				return Report{}, err
			}
		}
		rep.MergedCount, rep.Prefixes = len(leaves), out
		spans = make([]addrRange, len(out))
		for i, q := range out {
			spans[i].first, spans[i].last = prefixRange(q)
		}
	}
	if fam.coveredBy(spans) {
		return Report{}, &WholeFamilyError{Family: fam.name, Limit: limit, Entries: shape.entries(limit)}
	}
	rep.OutputCount = len(spans)
	rep.fillCounts(spans, input, allowed, fam)
	return rep, nil
}

// fillCounts sets the address counts of the result spans (sorted, disjoint).
func (rep *Report) fillCounts(spans []addrRange, input addrSet, allowed *addrSet, fam family) {
	var extra, untrusted, largest u128
	for _, s := range spans {
		extra = extra.add(input.outside(s.first, s.last))
		if allowed != nil {
			untrusted = untrusted.add(allowed.outside(s.first, s.last))
		}
		// A span never holds the whole family (refused above), so its size fits.
		if n := s.last.sub(s.first).add(u128{lo: 1}); largest.less(n) {
			largest = n
		}
	}
	if allowed == nil {
		untrusted = extra
	}
	rep.ExtraAddresses, rep.UntrustedExtraAddresses = extra.bigInt(), untrusted.bigInt()
	rep.LargestEntryAddresses = largest.bigInt()
	// A prefix's common leading bits are its length; a range's, the length of the
	// smallest prefix holding it.
	rep.WidestPrefixLength = fam.width
	for _, s := range spans {
		rep.WidestPrefixLength = min(rep.WidestPrefixLength, commonBits(s.first, s.last, fam.width))
	}
}

// mergeInput checks Cover's arguments and returns the merged input.
func mergeInput(p []netip.Prefix, limit int, trusted []netip.Prefix) ([]netip.Prefix, error) {
	if limit < 1 {
		return nil, fmt.Errorf("limit must be at least 1, got %d", limit)
	}
	if err := checkValid("element", p); err != nil {
		return nil, err
	}
	if err := checkValid("trusted element", trusted); err != nil {
		return nil, err
	}
	if len(p) == 0 {
		return nil, errEmpty
	}
	merged := Merge(p)
	// Merge sorts IPv4 before IPv6, so the ends tell whether both are present.
	if merged[0].Addr().Is4() != merged[len(merged)-1].Addr().Is4() {
		return nil, errMixedFamilies
	}
	return merged, nil
}

// checkValid reports the first invalid (zero) prefix of ps, which no parser produces.
func checkValid(what string, ps []netip.Prefix) error {
	for i, q := range ps {
		if !q.IsValid() {
			return fmt.Errorf("%s %d is not a valid prefix", what, i)
		}
	}
	return nil
}

// allowedSet returns the set of input (the merged input's set) and the trusted prefixes of
// its family, or nil when they add no address to it. It joins ranges of integers rather
// than merging prefixes: sorting netip values took most of a trusted cover's time, and
// an IPv4 range sorts fastest packed into one integer.
func allowedSet(input addrSet, fam family, trusted []netip.Prefix) *addrSet {
	if len(trusted) == 0 {
		return nil
	}
	all := make([]addrRange, 0, len(input.ranges)+len(trusted))
	if fam.width == 32 {
		packed := make([]uint64, 0, len(input.ranges)+len(trusted))
		for _, r := range input.ranges {
			packed = append(packed, r.first.lo<<32|r.last.lo)
		}
		for _, q := range trusted {
			if q = normalize(q); q.Addr().Is4() {
				first, last := prefixRange(q)
				packed = append(packed, first.lo<<32|last.lo)
			}
		}
		slices.Sort(packed)
		for _, v := range packed {
			all = append(all, addrRange{first: u128{lo: v >> 32}, last: u128{lo: v & (1<<32 - 1)}})
		}
	} else {
		all = append(all, input.ranges...)
		for _, q := range trusted {
			if q = normalize(q); !q.Addr().Is4() {
				first, last := prefixRange(q)
				all = append(all, addrRange{first: first, last: last})
			}
		}
		slices.SortFunc(all, func(a, b addrRange) int { return a.first.cmp(b.first) })
	}
	s := newRangeSet(all)
	if s.total == input.total {
		return nil
	}
	return &s
}
