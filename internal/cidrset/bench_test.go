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

// BenchmarkCoverUSGeographyStorage400Trusted: the storage account's shape (no /31) and limit.
func BenchmarkCoverUSGeographyStorage400Trusted(b *testing.B) {
	in, _ := geographyIPv4(b, usRegions)
	benchmarkCover(b, in, azureCloudIPv4(b), 400, PrefixesWithout(31))
}

// BenchmarkCoverUSGeographyRanges128Trusted: the SQL server firewall's shape and limit.
func BenchmarkCoverUSGeographyRanges128Trusted(b *testing.B) {
	in, _ := geographyIPv4(b, usRegions)
	benchmarkCover(b, in, azureCloudIPv4(b), 128, Ranges)
}

func BenchmarkCover100kToRanges200Trusted(b *testing.B) {
	in := randomIPv4(rand.New(rand.NewPCG(1, 100000)), 100000)
	benchmarkCover(b, in, randomIPv4(rand.New(rand.NewPCG(2, 100000)), 100000), 200, Ranges)
}

func benchmarkCompact(b *testing.B, in, trusted []netip.Prefix) {
	b.Helper()
	benchmarkCover(b, in, trusted, 200, Prefixes)
}

func benchmarkCover(b *testing.B, in, trusted []netip.Prefix, limit int, shape Shape) {
	b.Helper()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := Cover(b.Context(), in, limit, trusted, shape); err != nil {
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
