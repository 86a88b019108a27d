package cidrset

import (
	"math/bits"
	"math/rand/v2"
	"net/netip"
	"slices"
	"testing"
)

// bitset is a set of the 256 addresses of a small test universe (a /24 or a /120).
type bitset [4]uint64

func (b bitset) or(o bitset) bitset {
	return bitset{b[0] | o[0], b[1] | o[1], b[2] | o[2], b[3] | o[3]}
}

func (b bitset) andNot(o bitset) bitset {
	return bitset{b[0] &^ o[0], b[1] &^ o[1], b[2] &^ o[2], b[3] &^ o[3]}
}

func (b bitset) count() int {
	return bits.OnesCount64(b[0]) + bits.OnesCount64(b[1]) + bits.OnesCount64(b[2]) + bits.OnesCount64(b[3])
}

// lowest returns the smallest member, or -1 for the empty set.
func (b bitset) lowest() int {
	for i, w := range b {
		if w != 0 {
			return 64*i + bits.TrailingZeros64(w)
		}
	}
	return -1
}

// span returns the set of size addresses starting at off.
func span(off, size int) bitset {
	var b bitset
	for a := off; a < off+size; a++ {
		b[a/64] |= 1 << (a % 64)
	}
	return b
}

// universe is a 256-address test range: its base prefix and a helper to build prefixes in it.
type universe struct {
	base netip.Prefix
}

// prefix returns the prefix of relative length rel (0..8) starting at offset off.
func (u universe) prefix(off, rel int) netip.Prefix {
	if u.base.Addr().Is4() {
		a := u.base.Addr().As4()
		a[3] = byte(off)
		return netip.PrefixFrom(netip.AddrFrom4(a), u.base.Bits()+rel)
	}
	a := u.base.Addr().As16()
	a[15] = byte(off)
	return netip.PrefixFrom(netip.AddrFrom16(a), u.base.Bits()+rel)
}

// set returns the addresses of p, which must lie inside the universe.
func (u universe) set(t *testing.T, p netip.Prefix) bitset {
	t.Helper()
	if !u.base.Contains(p.Addr()) || p.Bits() < u.base.Bits() {
		t.Fatalf("prefix %s outside universe %s", p, u.base)
	}
	off := int(p.Addr().As16()[15])
	if p.Addr().Is4() {
		off = int(p.Addr().As4()[3])
	}
	return span(off, 1<<(u.base.Addr().BitLen()-p.Bits()))
}

// bruteForce returns the minimal (extra, entries) over every cover of input by at most
// limit prefixes of the universe. For the lowest uncovered address it tries each of the
// nine universe prefixes containing it (every cover holds one), then recurses; a branch
// stops once it already adds more addresses than the best complete cover.
func bruteForce(input bitset, limit int) (bestExtra, bestEntries int) {
	bestExtra, bestEntries = 1<<30, 1<<30
	var search func(covered bitset, used int)
	search = func(covered bitset, used int) {
		extra := covered.andNot(input).count()
		if extra > bestExtra {
			return
		}
		a := input.andNot(covered).lowest()
		if a < 0 {
			if extra < bestExtra || (extra == bestExtra && used < bestEntries) {
				bestExtra, bestEntries = extra, used
			}
			return
		}
		if used == limit {
			return
		}
		for rel := 8; rel >= 0; rel-- {
			size := 1 << (8 - rel)
			search(covered.or(span(a&^(size-1), size)), used+1)
		}
	}
	search(bitset{}, 0)
	return bestExtra, bestEntries
}

// randomInput returns 1..7 random prefixes of length /26../32 (relative 2..8) in u.
func randomInput(r *rand.Rand, u universe) []netip.Prefix {
	n := 1 + r.IntN(7)
	out := make([]netip.Prefix, n)
	for i := range out {
		rel := 2 + r.IntN(7)
		size := 1 << (8 - rel)
		out[i] = u.prefix(r.IntN(256/size)*size, rel)
	}
	return out
}

// TestBruteForceKnown checks the reference itself on hand-computed answers.
func TestBruteForceKnown(t *testing.T) {
	singles := span(0, 1).or(span(2, 1)).or(span(8, 1)) // .0, .2, .8
	tests := []struct {
		input          bitset
		limit          int
		extra, entries int
	}{
		{singles, 1, 13, 1}, // /28
		{singles, 2, 2, 2},  // /30 + /32
		{singles, 3, 0, 3},
		{span(0, 64).or(span(64, 32)).or(span(128, 32)).or(span(224, 32)), 2, 96, 1}, // the /24
		{span(0, 256), 1, 0, 1},
	}
	for _, tt := range tests {
		if extra, entries := bruteForce(tt.input, tt.limit); extra != tt.extra || entries != tt.entries {
			t.Errorf("bruteForce(limit %d) = %d, %d; want %d, %d", tt.limit, extra, entries, tt.extra, tt.entries)
		}
	}
}

func TestCompactMatchesBruteForce(t *testing.T) {
	universes := []universe{
		{netip.MustParsePrefix("10.20.30.0/24")},
		{netip.MustParsePrefix("2001:db8::ff00/120")},
	}
	r := rand.New(rand.NewPCG(20251028, 200))
	cases := 0
	for _, u := range universes {
		for iter := 0; iter < 250; iter++ {
			in := randomInput(r, u)
			var inputSet bitset
			for _, p := range in {
				inputSet = inputSet.or(u.set(t, p))
			}
			merged := Merge(in)
			prevExtra := -1
			for limit := 1; limit <= len(merged)+1; limit++ {
				cases++
				rep, err := Compact(in, limit)
				if err != nil {
					t.Fatalf("Compact(%v, %d): %v", in, limit, err)
				}
				wantExtra, wantEntries := bruteForce(inputSet, limit)
				checkReport(t, u, in, inputSet, limit, rep, wantExtra, wantEntries)
				extra := int(rep.ExtraAddresses.Int64())
				if prevExtra >= 0 && extra > prevExtra {
					t.Fatalf("extra grew from %d to %d when limit rose to %d for %v", prevExtra, extra, limit, in)
				}
				prevExtra = extra

				// Idempotent, and deterministic regardless of input order.
				again, err := Compact(rep.Prefixes, limit)
				if err != nil || !slices.Equal(again.Prefixes, rep.Prefixes) {
					t.Fatalf("Compact not idempotent for %v limit %d: %v then %v", in, limit, rep.Prefixes, again.Prefixes)
				}
				shuffled := slices.Clone(in)
				r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
				other, _ := Compact(shuffled, limit)
				if !slices.Equal(other.Prefixes, rep.Prefixes) {
					t.Fatalf("Compact not deterministic for %v limit %d: %v vs %v", in, limit, rep.Prefixes, other.Prefixes)
				}
			}
		}
	}
	t.Logf("%d cases checked against brute force", cases)
}

// checkReport asserts every property of one Compact report against the brute force optimum.
func checkReport(t *testing.T, u universe, in []netip.Prefix, inputSet bitset, limit int, rep Report, wantExtra, wantEntries int) {
	t.Helper()
	var outSet bitset
	for _, p := range rep.Prefixes {
		outSet = outSet.or(u.set(t, p))
	}
	switch {
	case inputSet.andNot(outSet).count() != 0:
		t.Fatalf("Compact(%v, %d) = %v does not cover the input", in, limit, rep.Prefixes)
	case len(rep.Prefixes) > limit || rep.OutputCount != len(rep.Prefixes):
		t.Fatalf("Compact(%v, %d) = %v: %d entries (report %d)", in, limit, rep.Prefixes, len(rep.Prefixes), rep.OutputCount)
	case outSet.andNot(inputSet).count() != int(rep.ExtraAddresses.Int64()):
		t.Fatalf("Compact(%v, %d) = %v: report says %s extra, really %d", in, limit, rep.Prefixes, rep.ExtraAddresses, outSet.andNot(inputSet).count())
	case int(rep.ExtraAddresses.Int64()) != wantExtra || len(rep.Prefixes) != wantEntries:
		t.Fatalf("Compact(%v, %d) = %v: extra %s in %d entries, brute force %d in %d",
			in, limit, rep.Prefixes, rep.ExtraAddresses, len(rep.Prefixes), wantExtra, wantEntries)
	case !slices.Equal(Merge(rep.Prefixes), rep.Prefixes):
		t.Fatalf("Compact(%v, %d) = %v is not canonical", in, limit, rep.Prefixes)
	case int(rep.InputAddresses.Int64()) != inputSet.count():
		t.Fatalf("input addresses %s, want %d", rep.InputAddresses, inputSet.count())
	}
}
