package cidrset

import (
	"fmt"
	"math/rand/v2"
	"net/netip"
	"slices"
	"testing"
)

// bruteForceAvoiding returns the minimal (untrusted extra, extra, entries) over every cover
// of input by at most limit prefixes of the universe whose universe-relative length is never
// avoidRel (1..7, or -1 for none); trusted addresses are cheaper to admit. For the lowest
// uncovered address it tries each allowed universe prefix containing it (every cover holds
// one), then recurses; a branch stops once it already costs more than the best complete
// cover in untrusted or extra addresses (both only grow). A prefix wider than the universe
// never helps, since the universe itself (relative length 0) is allowed.
func bruteForceAvoiding(input, trusted bitset, limit, avoidRel int) optimum {
	best := optimum{1 << 30, 1 << 30, 1 << 30}
	allowed := input.or(trusted)
	var search func(covered bitset, used int)
	search = func(covered bitset, used int) {
		c := optimum{covered.andNot(allowed).count(), covered.andNot(input).count(), used}
		if c.untrusted > best.untrusted || (c.untrusted == best.untrusted && c.extra > best.extra) {
			return
		}
		a := input.andNot(covered).lowest()
		if a < 0 {
			if c.less(best) {
				best = c
			}
			return
		}
		if used == limit {
			return
		}
		for rel := 8; rel >= 0; rel-- {
			if rel != avoidRel {
				size := 1 << (8 - rel)
				search(covered.or(span(a&^(size-1), size)), used+1)
			}
		}
	}
	search(bitset{}, 0)
	return best
}

// bruteForceRanges returns the minimal cost over every cover of input by at most limit
// ranges. A range of an optimal cover can shrink to start and end on input addresses, so
// every cover is a grouping of the input's runs into consecutive groups: it tries every
// subset of the gaps between runs to bridge.
func bruteForceRanges(input, trusted bitset, limit int) optimum {
	type run struct{ first, last int }
	var runs []run
	for a := 0; a < 256; a++ {
		if input[a/64]>>(a%64)&1 == 0 {
			continue
		}
		if n := len(runs); n > 0 && runs[n-1].last == a-1 {
			runs[n-1].last = a
		} else {
			runs = append(runs, run{a, a})
		}
	}
	allowed := input.or(trusted)
	best := optimum{1 << 30, 1 << 30, 1 << 30}
	for mask := 0; mask < 1<<(len(runs)-1); mask++ {
		var covered bitset
		entries := 0
		for i := 0; i < len(runs); {
			j := i
			for j < len(runs)-1 && mask>>j&1 == 1 {
				j++
			}
			covered = covered.or(span(runs[i].first, runs[j].last-runs[i].first+1))
			entries++
			i = j + 1
		}
		if c := (optimum{covered.andNot(allowed).count(), covered.andNot(input).count(), entries}); entries <= limit && c.less(best) {
			best = c
		}
	}
	return best
}

// TestBruteForceShapesKnown checks the two references on hand-computed answers.
func TestBruteForceShapesKnown(t *testing.T) {
	pair := span(4, 2).or(span(16, 1))                                              // .4/31 and .16
	if got := bruteForceAvoiding(pair, bitset{}, 2, 7); got != (optimum{2, 2, 2}) { // .4/30, .16
		t.Errorf("avoiding /31, limit 2: %+v", got)
	}
	if got := bruteForceAvoiding(pair, bitset{}, 3, 7); got != (optimum{0, 0, 3}) { // .4, .5, .16
		t.Errorf("avoiding /31, limit 3: %+v", got)
	}
	if got := bruteForceAvoiding(pair, span(6, 2), 2, 7); got != (optimum{0, 2, 2}) { // .4/30 is trusted
		t.Errorf("avoiding /31, trusted, limit 2: %+v", got)
	}
	gaps := span(0, 2).or(span(10, 2)).or(span(100, 1)) // gaps of 8 and 88
	if got := bruteForceRanges(gaps, bitset{}, 2); got != (optimum{8, 8, 2}) {
		t.Errorf("ranges, limit 2: %+v", got)
	}
	if got := bruteForceRanges(gaps, span(12, 88), 2); got != (optimum{0, 88, 2}) { // the 88 are trusted
		t.Errorf("ranges, trusted, limit 2: %+v", got)
	}
	if got := bruteForceRanges(gaps, bitset{}, 1); got != (optimum{96, 96, 1}) {
		t.Errorf("ranges, limit 1: %+v", got)
	}
}

func TestCoverShapesMatchBruteForce(t *testing.T) {
	universes := []universe{
		{netip.MustParsePrefix("10.20.30.0/24")},
		{netip.MustParsePrefix("2001:db8::ff00/120")},
	}
	r := rand.New(rand.NewPCG(20261205, 17))
	cases := 0
	for ui, u := range universes {
		other := universes[1-ui]
		for iter := 0; iter < 300; iter++ {
			in := randomInput(r, u)
			// Inputs full of single addresses and pairs, as the storage shape meets them.
			if iter%2 == 0 {
				for range 1 + r.IntN(4) {
					in = append(in, u.prefix(r.IntN(128)*2, 7+r.IntN(2)))
				}
			}
			var trusted []netip.Prefix
			if iter%4 != 0 {
				trusted = randomTrusted(r, u, other)
			}
			var inputSet bitset
			for _, p := range in {
				inputSet = inputSet.or(u.set(t, p))
			}
			trustedSet := u.trustedSet(t, trusted)
			avoidRel := 7 // /31 in the IPv4 universe
			if iter%3 == 0 {
				avoidRel = 1 + r.IntN(7)
			}
			without := PrefixesWithout(u.base.Bits() + avoidRel)
			exact := 2 * len(Merge(in)) // at least the entries of an exact cover of either shape
			for limit := 1; limit <= min(exact, 7); limit++ {
				cases++
				rep, err := Cover(t.Context(), in, limit, trusted, without)
				if err != nil {
					t.Fatalf("Cover(%v, %d, %v, %s): %v", in, limit, trusted, without, err)
				}
				want := bruteForceAvoiding(inputSet, trustedSet, limit, avoidRel)
				checkShapeReport(t, u, in, trusted, inputSet, trustedSet, limit, rep, want, without)
				for _, p := range rep.Prefixes {
					if p.Bits() == u.base.Bits()+avoidRel {
						t.Fatalf("Cover(%v, %d, %s) = %v uses the avoided length", in, limit, without, rep.Prefixes)
					}
				}
				rep, err = Cover(t.Context(), in, limit, trusted, Ranges)
				if err != nil {
					t.Fatalf("Cover(%v, %d, %v, ranges): %v", in, limit, trusted, err)
				}
				checkShapeReport(t, u, in, trusted, inputSet, trustedSet, limit, rep, bruteForceRanges(inputSet, trustedSet, limit), Ranges)
			}
		}
	}
	t.Logf("%d cases of each shape checked against brute force", cases)
}

// checkShapeReport asserts every property of one Cover report against the brute-force
// optimum: coverage, the limit, the counts, the cost, sorted disjoint entries, and the
// same answer for shuffled input.
func checkShapeReport(t *testing.T, u universe, in, trusted []netip.Prefix, inputSet, trustedSet bitset, limit int, rep Report, want optimum, shape Shape) {
	t.Helper()
	var spans [][2]int // each entry's offsets in the universe
	for _, p := range rep.Prefixes {
		off := int(p.Addr().AsSlice()[len(p.Addr().AsSlice())-1])
		spans = append(spans, [2]int{off, off + 1<<(p.Addr().BitLen()-p.Bits()) - 1})
	}
	for _, r := range rep.Ranges {
		spans = append(spans, [2]int{int(r.First.AsSlice()[len(r.First.AsSlice())-1]), int(r.Last.AsSlice()[len(r.Last.AsSlice())-1])})
		if !u.base.Contains(r.First) || !u.base.Contains(r.Last) {
			t.Fatalf("Cover(%v, %d, %s) = %v leaves the universe", in, limit, shape, rep.Ranges)
		}
	}
	var outSet bitset
	for i, s := range spans {
		if i > 0 && s[0] <= spans[i-1][1] || s[1] < s[0] {
			t.Fatalf("Cover(%v, %d, %s) = %v%v: entries not sorted and disjoint", in, limit, shape, rep.Prefixes, rep.Ranges)
		}
		if shape == Ranges && i > 0 && s[0] == spans[i-1][1]+1 {
			t.Fatalf("Cover(%v, %d, ranges) = %v: touching ranges are one entry", in, limit, rep.Ranges)
		}
		outSet = outSet.or(span(s[0], s[1]-s[0]+1))
	}
	got := optimum{outSet.andNot(inputSet.or(trustedSet)).count(), outSet.andNot(inputSet).count(), len(spans)}
	entries := fmt.Sprint(rep.Prefixes, rep.Ranges)
	switch {
	case inputSet.andNot(outSet).count() != 0:
		t.Fatalf("Cover(%v, %d, %v, %s) = %s does not cover the input", in, limit, trusted, shape, entries)
	case len(spans) > limit || rep.OutputCount != len(spans):
		t.Fatalf("Cover(%v, %d, %v, %s) = %s: %d entries (report %d)", in, limit, trusted, shape, entries, len(spans), rep.OutputCount)
	case got.extra != int(rep.ExtraAddresses.Int64()) || got.untrusted != int(rep.UntrustedExtraAddresses.Int64()):
		t.Fatalf("Cover(%v, %d, %v, %s) = %s: report says %s extra, %s untrusted; really %d, %d", in, limit, trusted, shape, entries,
			rep.ExtraAddresses, rep.UntrustedExtraAddresses, got.extra, got.untrusted)
	case got != want:
		t.Fatalf("Cover(%v, %d, %v, %s) = %s: cost %+v, brute force %+v", in, limit, trusted, shape, entries, got, want)
	case int(rep.InputAddresses.Int64()) != inputSet.count():
		t.Fatalf("input addresses %s, want %d", rep.InputAddresses, inputSet.count())
	}
	largest := 0
	for _, s := range spans {
		largest = max(largest, s[1]-s[0]+1)
	}
	if int(rep.LargestEntryAddresses.Int64()) != largest {
		t.Fatalf("Cover(%v, %d, %s) = %s: largest entry %s, want %d", in, limit, shape, entries, rep.LargestEntryAddresses, largest)
	}
	shuffled := slices.Clone(in)
	rand.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	again, err := Cover(t.Context(), shuffled, limit, trusted, shape)
	if err != nil || !slices.Equal(again.Prefixes, rep.Prefixes) || !slices.Equal(again.Ranges, rep.Ranges) {
		t.Fatalf("Cover(%v, %d, %s) = %s, but %v for the same input shuffled (%v)", in, limit, shape, entries, fmt.Sprint(again.Prefixes, again.Ranges), err)
	}
}
