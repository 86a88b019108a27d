package cidrset

import (
	"math/rand/v2"
	"net/netip"
	"testing"
)

func BenchmarkCompactUSGeography200(b *testing.B) {
	in, _ := geographyIPv4(b, usRegions)
	benchmarkCompact(b, in, nil)
}

func BenchmarkCompactUSGeography200Trusted(b *testing.B) {
	in, _ := geographyIPv4(b, usRegions)
	benchmarkCompact(b, in, azureCloudIPv4(b))
}

func BenchmarkCompact100kTo200(b *testing.B) {
	benchmarkCompact(b, randomIPv4(rand.New(rand.NewPCG(1, 100000)), 100000), nil)
}

func BenchmarkCompact100kTo200Trusted(b *testing.B) {
	in := randomIPv4(rand.New(rand.NewPCG(1, 100000)), 100000)
	benchmarkCompact(b, in, randomIPv4(rand.New(rand.NewPCG(2, 100000)), 100000))
}

func benchmarkCompact(b *testing.B, in, trusted []netip.Prefix) {
	b.Helper()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := Compact(b.Context(), in, 200, trusted); err != nil {
			b.Fatal(err)
		}
	}
}

// randomIPv4 returns n random IPv4 prefixes of length /16 to /32.
func randomIPv4(r *rand.Rand, n int) []netip.Prefix {
	out := make([]netip.Prefix, n)
	for i := range out {
		v := r.Uint32()
		a := netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)})
		out[i] = netip.PrefixFrom(a, 16+r.IntN(17)).Masked()
	}
	return out
}
