package cidrset

import (
	"math/big"
	"net/netip"
	"testing"

	"go4.org/netipx"
)

// checkCover asserts what every Compact result must satisfy, whatever the input: at most
// limit entries, every input address covered, canonical output, and extra and untrusted
// extra counts that match the output's real size, measured with netipx. It returns the
// input's exact set for further checks.
func checkCover(tb testing.TB, in, trusted []netip.Prefix, limit int, rep Report) *netipx.IPSet {
	tb.Helper()
	if rep.OutputCount > limit || rep.OutputCount != len(rep.Prefixes) || len(rep.Prefixes) == 0 {
		tb.Fatalf("%d entries (%d reported) for limit %d", len(rep.Prefixes), rep.OutputCount, limit)
	}
	inSet, outSet := ipSet(in), ipSet(rep.Prefixes)
	for _, p := range inSet.Prefixes() {
		if !outSet.ContainsPrefix(p) {
			tb.Fatalf("Compact(%d prefixes, %d) = %v misses %s", len(in), limit, rep.Prefixes, p)
		}
	}
	if len(outSet.Prefixes()) != len(rep.Prefixes) {
		tb.Fatalf("Compact(%d prefixes, %d) = %v is not canonical", len(in), limit, rep.Prefixes)
	}
	// The output is canonical (disjoint), so its size minus the input's is the extra.
	extra := new(big.Int).Sub(countAddresses(outSet.Prefixes()), rep.InputAddresses)
	if extra.Cmp(rep.ExtraAddresses) != 0 {
		tb.Fatalf("Compact(%d prefixes, %d) = %v: reported extra %s, real %s", len(in), limit, rep.Prefixes, rep.ExtraAddresses, extra)
	}
	if untrusted := untrustedExtra(in, trusted, rep.Prefixes); untrusted.Cmp(rep.UntrustedExtraAddresses) != 0 {
		tb.Fatalf("Compact(%d prefixes, %d) = %v: reported untrusted extra %s, real %s",
			len(in), limit, rep.Prefixes, rep.UntrustedExtraAddresses, untrusted)
	}
	return inSet
}

// ipSet builds the netipx set of ps, the independent oracle for the package's own merge.
func ipSet(ps []netip.Prefix) *netipx.IPSet {
	var b netipx.IPSetBuilder
	for _, p := range ps {
		b.AddPrefix(p)
	}
	s, _ := b.IPSet()
	return s
}

// untrustedExtra counts the addresses of out outside in and trusted, with netipx.
func untrustedExtra(in, trusted, out []netip.Prefix) *big.Int {
	var b netipx.IPSetBuilder
	b.AddSet(ipSet(out))
	b.RemoveSet(ipSet(in))
	b.RemoveSet(ipSet(trusted))
	s, _ := b.IPSet()
	return countAddresses(s.Prefixes())
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

// coversUnicast reports, with netipx, whether ps (one family) covers every unicast address
// of its family: 0.0.0.0-223.255.255.255 or 2000::/3.
func coversUnicast(ps []netip.Prefix) bool {
	r := netipx.IPRangeFrom(netip.MustParseAddr("0.0.0.0"), netip.MustParseAddr("223.255.255.255"))
	if !ps[0].Addr().Is4() {
		r = netipx.RangeOfPrefix(netip.MustParsePrefix("2000::/3"))
	}
	return ipSet(ps).ContainsRange(r)
}
