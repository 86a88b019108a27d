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
	for a, end := off, off+size; a < end; {
		n := min(64-a%64, end-a) // addresses of this word in the span
		b[a/64] |= ^uint64(0) >> (64 - n) << (a % 64)
		a += n
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

// trustedSet returns the addresses of the universe inside any of ps, which may lie
// anywhere, in either family.
func (u universe) trustedSet(t *testing.T, ps []netip.Prefix) bitset {
	t.Helper()
	var b bitset
	for _, p := range ps {
		switch {
		case p.Bits() <= u.base.Bits() && p.Contains(u.base.Addr()):
			b = span(0, 256)
		case u.base.Contains(p.Addr()) && p.Bits() >= u.base.Bits():
			b = b.or(u.set(t, p))
		}
	}
	return b
}

// optimum is a cover's cost in the order Compact minimises it.
type optimum struct{ untrusted, extra, entries int }

func (a optimum) less(b optimum) bool {
	if a.untrusted != b.untrusted {
		return a.untrusted < b.untrusted
	}
	if a.extra != b.extra {
		return a.extra < b.extra
	}
	return a.entries < b.entries
}

// bruteForce returns the minimal (untrusted extra, extra, entries) over every cover of
// input by at most limit prefixes of the universe; trusted addresses are cheaper to admit.
// It is bruteForceAvoiding with no length avoided.
func bruteForce(input, trusted bitset, limit int) optimum {
	return bruteForceAvoiding(input, trusted, limit, -1)
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

// randomTrusted returns 0..4 random prefixes: mostly inside u, sometimes containing it,
// beside it, or of the other family (which must change nothing).
func randomTrusted(r *rand.Rand, u, other universe) []netip.Prefix {
	out := make([]netip.Prefix, r.IntN(5))
	for i := range out {
		switch r.IntN(8) {
		case 0:
			out[i] = netip.PrefixFrom(u.base.Addr(), u.base.Bits()-1-r.IntN(8)).Masked()
		case 1:
			out[i] = randomInput(r, other)[0]
		case 2:
			a := u.base.Addr().Prev() // just below the universe
			out[i] = netip.PrefixFrom(a, a.BitLen()-r.IntN(4)).Masked()
		default:
			rel := r.IntN(9)
			size := 1 << (8 - rel)
			out[i] = u.prefix(r.IntN(256/size)*size, rel)
		}
	}
	return out
}

// TestBruteForceKnown checks the reference itself on hand-computed answers.
func TestBruteForceKnown(t *testing.T) {
	singles := span(0, 1).or(span(2, 1)).or(span(8, 1)) // .0, .2, .8
	tests := []struct {
		input, trusted bitset
		limit          int
		want           optimum
	}{
		{singles, bitset{}, 1, optimum{13, 13, 1}}, // /28
		{singles, bitset{}, 2, optimum{2, 2, 2}},   // /30 + /32
		{singles, bitset{}, 3, optimum{0, 0, 3}},
		{span(0, 64).or(span(64, 32)).or(span(128, 32)).or(span(224, 32)), bitset{}, 2, optimum{96, 96, 1}}, // the /24
		{span(0, 256), bitset{}, 1, optimum{0, 0, 1}},
		// .9-.15 trusted: the /28 now admits only .1, .3 and .4-.7 untrusted.
		{singles, span(9, 7), 1, optimum{6, 13, 1}},
		// .1 and .3 trusted: .0/30 is free of untrusted addresses, .8 stays alone.
		{singles, span(1, 1).or(span(3, 1)), 2, optimum{0, 2, 2}},
		// Everything trusted: extra decides.
		{singles, span(0, 256), 2, optimum{0, 2, 2}},
		// .16-.31 trusted makes the /27 no better than the /28 in untrusted addresses, so extra decides.
		{singles, span(16, 16), 1, optimum{13, 13, 1}},
	}
	for _, tt := range tests {
		if got := bruteForce(tt.input, tt.trusted, tt.limit); got != tt.want {
			t.Errorf("bruteForce(limit %d) = %+v; want %+v", tt.limit, got, tt.want)
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
	for ui, u := range universes {
		other := universes[1-ui]
		for iter := 0; iter < 400; iter++ {
			in := randomInput(r, u)
			var trusted []netip.Prefix
			if iter%4 != 0 { // a quarter of the inputs run without trusted
				trusted = randomTrusted(r, u, other)
			}
			var inputSet bitset
			for _, p := range in {
				inputSet = inputSet.or(u.set(t, p))
			}
			trustedSet := u.trustedSet(t, trusted)
			merged := Merge(in)
			prev := optimum{-1, -1, -1}
			for limit := 1; limit <= len(merged)+1; limit++ {
				cases++
				want := bruteForce(inputSet, trustedSet, limit)
				rep, err := Compact(t.Context(), in, limit, trusted)
				if err != nil {
					t.Fatalf("Compact(%v, %d, %v): %v", in, limit, trusted, err)
				}
				checkReport(t, u, in, trusted, inputSet, trustedSet, limit, rep, want)
				got := optimum{int(rep.UntrustedExtraAddresses.Int64()), int(rep.ExtraAddresses.Int64()), rep.OutputCount}
				if prev.untrusted >= 0 && prev.less(got) {
					t.Fatalf("cost grew from %+v to %+v when limit rose to %d for %v", prev, got, limit, in)
				}
				prev = got
				checkStable(t, r, in, trusted, limit, rep, other)
			}
		}
	}
	t.Logf("%d cases checked against brute force", cases)
}

// checkStable asserts that rep, Compact's answer for in, limit and trusted, does not depend
// on anything it must not: input and trusted order, empty or other-family trusted lists,
// and that compacting the answer again changes nothing.
func checkStable(t *testing.T, r *rand.Rand, in, trusted []netip.Prefix, limit int, rep Report, other universe) {
	t.Helper()
	same := func(what string, got Report, err error) {
		t.Helper()
		if err != nil || !slices.Equal(got.Prefixes, rep.Prefixes) || got.ExtraAddresses.Cmp(rep.ExtraAddresses) != 0 ||
			got.UntrustedExtraAddresses.Cmp(rep.UntrustedExtraAddresses) != 0 {
			t.Fatalf("Compact(%v, %d, %v) = %v; %s: %v (%v)", in, limit, trusted, rep.Prefixes, what, got.Prefixes, err)
		}
	}
	shuffle := func(ps []netip.Prefix) []netip.Prefix {
		ps = slices.Clone(ps)
		r.Shuffle(len(ps), func(i, j int) { ps[i], ps[j] = ps[j], ps[i] })
		return ps
	}
	got, err := Compact(t.Context(), shuffle(in), limit, shuffle(trusted))
	same("shuffled", got, err)
	got, err = Compact(t.Context(), in, limit, append(slices.Clone(trusted), randomInput(r, other)...))
	same("with other-family trusted prefixes", got, err)
	if len(trusted) == 0 {
		got, err = Compact(t.Context(), in, limit, []netip.Prefix{})
		same("with an empty trusted list", got, err)
		got, err = Compact(t.Context(), in, limit, randomInput(r, other))
		same("with only other-family trusted prefixes", got, err)
		if rep.UntrustedExtraAddresses.Cmp(rep.ExtraAddresses) != 0 {
			t.Fatalf("Compact(%v, %d) without trusted: untrusted %s != extra %s", in, limit, rep.UntrustedExtraAddresses, rep.ExtraAddresses)
		}
	}
	// Idempotent: the answer covers itself exactly, within the limit.
	again, err := Compact(t.Context(), rep.Prefixes, limit, trusted)
	if err != nil || !slices.Equal(again.Prefixes, rep.Prefixes) || again.ExtraAddresses.Sign() != 0 {
		t.Fatalf("Compact not idempotent for %v limit %d: %v then %v (%v)", in, limit, rep.Prefixes, again.Prefixes, err)
	}
}

// checkReport asserts every property of one Compact report against the brute force optimum.
func checkReport(t *testing.T, u universe, in, trusted []netip.Prefix, inputSet, trustedSet bitset, limit int, rep Report, want optimum) {
	t.Helper()
	var outSet bitset
	for _, p := range rep.Prefixes {
		outSet = outSet.or(u.set(t, p))
	}
	got := optimum{outSet.andNot(inputSet.or(trustedSet)).count(), outSet.andNot(inputSet).count(), len(rep.Prefixes)}
	switch {
	case inputSet.andNot(outSet).count() != 0:
		t.Fatalf("Compact(%v, %d, %v) = %v does not cover the input", in, limit, trusted, rep.Prefixes)
	case len(rep.Prefixes) > limit || rep.OutputCount != len(rep.Prefixes):
		t.Fatalf("Compact(%v, %d, %v) = %v: %d entries (report %d)", in, limit, trusted, rep.Prefixes, len(rep.Prefixes), rep.OutputCount)
	case got.extra != int(rep.ExtraAddresses.Int64()) || got.untrusted != int(rep.UntrustedExtraAddresses.Int64()):
		t.Fatalf("Compact(%v, %d, %v) = %v: report says %s extra, %s untrusted; really %d, %d", in, limit, trusted, rep.Prefixes,
			rep.ExtraAddresses, rep.UntrustedExtraAddresses, got.extra, got.untrusted)
	case got != want:
		t.Fatalf("Compact(%v, %d, %v) = %v: cost %+v, brute force %+v", in, limit, trusted, rep.Prefixes, got, want)
	case !slices.Equal(Merge(rep.Prefixes), rep.Prefixes):
		t.Fatalf("Compact(%v, %d, %v) = %v is not canonical", in, limit, trusted, rep.Prefixes)
	case int(rep.InputAddresses.Int64()) != inputSet.count():
		t.Fatalf("input addresses %s, want %d", rep.InputAddresses, inputSet.count())
	}
}
