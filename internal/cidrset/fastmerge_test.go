package cidrset

import (
	"math/rand/v2"
	"net/netip"
	"slices"
	"testing"
)

// TestFastMergeMatchesMerge checks Compact's merge against the netipx-based Merge on
// random mixtures of nested, adjacent and duplicate prefixes of both families.
func TestFastMergeMatchesMerge(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	bases := []netip.Prefix{
		netip.MustParsePrefix("10.0.0.0/22"),
		netip.MustParsePrefix("2001:db8::/118"),
		netip.MustParsePrefix("::ffff:10.0.0.0/118"), // IPv4-mapped: must merge with the IPv4 ones
	}
	for iter := 0; iter < 2000; iter++ {
		n := r.IntN(40)
		in := make([]netip.Prefix, n)
		for i := range in {
			base := bases[r.IntN(len(bases))]
			a := base.Addr().As16()
			if base.Addr().Is4() {
				a4 := base.Addr().As4()
				a4[2] |= byte(r.IntN(4))
				a4[3] = byte(r.IntN(256))
				in[i] = netip.PrefixFrom(netip.AddrFrom4(a4), base.Bits()+r.IntN(11))
				continue
			}
			a[14] |= byte(r.IntN(4))
			a[15] = byte(r.IntN(256))
			in[i] = netip.PrefixFrom(netip.AddrFrom16(a), base.Bits()+r.IntN(11))
		}
		want := Merge(in)
		got := fastMerge(in)
		if !slices.Equal(got, want) {
			t.Fatalf("fastMerge(%v) = %v, Merge = %v", in, got, want)
		}
	}
}

func TestFastMergeEdges(t *testing.T) {
	tests := [][]string{
		{"0.0.0.0/1", "128.0.0.0/1"},
		{"::/1", "8000::/1"},
		{"0.0.0.0/0", "::/0"},
		{"10.0.0.0/32", "10.0.0.1/32", "10.0.0.2/32", "10.0.0.3/32", "10.0.0.4/30"},
		{"10.0.0.4/30", "10.0.0.0/8", "10.0.0.0/30"},
		{"255.255.255.255", "255.255.255.254"},
	}
	for _, in := range tests {
		ps := mustParse(t, in...)
		if got, want := fastMerge(ps), Merge(ps); !slices.Equal(got, want) {
			t.Errorf("fastMerge(%v) = %v, Merge = %v", in, got, want)
		}
	}
}
