package cidrset

import (
	"math/rand/v2"
	"net/netip"
	"testing"
)

func BenchmarkCompactUSGeography200(b *testing.B) {
	in, _ := geographyIPv4(b, usRegions)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := Compact(in, 200); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCompact100kTo200(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 100000))
	in := make([]netip.Prefix, 100000)
	for i := range in {
		v := r.Uint32()
		a := netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)})
		in[i] = netip.PrefixFrom(a, 16+r.IntN(17)).Masked() // /16 to /32
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := Compact(in, 200); err != nil {
			b.Fatal(err)
		}
	}
}
