package cidrset

import (
	"errors"
	"fmt"
	"math/big"
	"net/netip"
	"slices"
)

// errEmpty is returned by Compact for an empty input: an empty allow-list is no
// restriction at all.
var errEmpty = errors.New("the list is empty; an empty allow-list (such as AKS authorized_ip_ranges) " +
	"disables the restriction and opens the API server to every address, so at least one prefix is required")

// errMixedFamilies is returned by Compact when the input holds both IPv4 and IPv6 prefixes.
var errMixedFamilies = errors.New("the list mixes IPv4 and IPv6 prefixes; compact IPv4 and IPv6 separately, " +
	"each with its own limit (one budget over both families degenerates: the optimum may spend " +
	"almost every entry on IPv6 and answer 0.0.0.0/0 for IPv4)")

// WholeFamilyError is returned by Compact when the result would cover every address of
// its family, which as an allow-list admits the whole internet.
type WholeFamilyError struct {
	// Family is "IPv4" or "IPv6".
	Family string
	// Limit is the limit Compact was given.
	Limit int
	// InputCoversAll is true when the input alone already covers every address.
	InputCoversAll bool
}

// Error says what the result would have been and what to do about it.
func (e *WholeFamilyError) Error() string {
	all := "0.0.0.0/0"
	if e.Family == "IPv6" {
		all = "::/0"
	}
	if e.InputCoversAll {
		return fmt.Sprintf("the list covers every %s address (it merges to %s), so as an allow-list it admits "+
			"the whole internet; list only the addresses to allow", e.Family, all)
	}
	entries := "prefixes"
	if e.Limit == 1 {
		entries = "prefix"
	}
	return fmt.Sprintf("compacting to at most %d %s would cover every %s address (%s), which as an allow-list "+
		"admits the whole internet; use a larger limit, or pass a trusted list so that widening stays inside trusted space",
		e.Limit, entries, e.Family, all)
}

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
	// UntrustedExtraAddresses is the part of ExtraAddresses outside the trusted prefixes;
	// it equals ExtraAddresses when there are none.
	UntrustedExtraAddresses *big.Int
	// WidestPrefixLength is the shortest prefix length in the result.
	WidestPrefixLength int
}

// Compact returns at most limit prefixes whose union contains every input address. The
// result is the exact optimum (not a heuristic) of, in this order:
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
// input holding IPv4 and IPv6, and *WholeFamilyError when the result would cover every
// address of the family.
//
// The algorithm is a dynamic program over the compressed binary trie of the merged
// prefixes (see solver); it runs in O(n·limit + n·log m) time for n merged input and m
// merged input and trusted prefixes.
func Compact(p []netip.Prefix, limit int, trusted []netip.Prefix) (Report, error) {
	merged, err := mergeInput(p, limit, trusted)
	if err != nil {
		return Report{}, err
	}
	input, allowed := newAddrSet(merged), allowedSet(merged, trusted)
	out := merged
	if len(merged) > limit {
		out = solve(merged, limit, input, allowed)
	}
	// out is canonical, so it covers every address only as the one /0.
	if len(out) == 1 && out[0].Bits() == 0 {
		family := "IPv4"
		if !out[0].Addr().Is4() {
			family = "IPv6"
		}
		return Report{}, &WholeFamilyError{Family: family, Limit: limit, InputCoversAll: len(merged) == 1}
	}
	extra := input.outsideAll(out)
	untrusted := extra
	if allowed != nil {
		untrusted = allowed.outsideAll(out)
	}
	return Report{
		Prefixes:                out,
		InputCount:              len(p),
		MergedCount:             len(merged),
		OutputCount:             len(out),
		InputAddresses:          countAddresses(merged),
		ExtraAddresses:          extra.bigInt(),
		UntrustedExtraAddresses: untrusted.bigInt(),
		WidestPrefixLength:      widest(out),
	}, nil
}

// mergeInput checks Compact's arguments and returns the merged input.
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

// allowedSet returns the set of merged (one family) and the trusted prefixes of its
// family, or nil when they add no address to merged.
func allowedSet(merged, trusted []netip.Prefix) *addrSet {
	all := slices.Grow(slices.Clip(merged), len(trusted)) // a copy, unless trusted is empty
	for _, q := range trusted {
		if q = normalize(q); q.Addr().Is4() == merged[0].Addr().Is4() {
			all = append(all, q)
		}
	}
	if len(all) == len(merged) {
		return nil
	}
	if all = Merge(all); slices.Equal(all, merged) {
		return nil
	}
	s := newAddrSet(all)
	return &s
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

// widest returns the shortest prefix length in the non-empty ps.
func widest(ps []netip.Prefix) int {
	w := ps[0].Bits()
	for _, q := range ps {
		w = min(w, q.Bits())
	}
	return w
}
