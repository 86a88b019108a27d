package cidrset

import (
	"math/big"
	"net/netip"
	"testing"

	"go4.org/netipx"
)

// checkCover asserts what every Compact result must satisfy, whatever the input: at most
// limit entries, every input address covered, and an extra-address count that matches the
// output's real size. It returns the input's exact set for further checks.
func checkCover(tb testing.TB, in []netip.Prefix, limit int, rep Report) *netipx.IPSet {
	tb.Helper()
	if rep.OutputCount > limit || rep.OutputCount != len(rep.Prefixes) {
		tb.Fatalf("%d entries (%d reported) for limit %d", len(rep.Prefixes), rep.OutputCount, limit)
	}
	var ib, ob netipx.IPSetBuilder
	for _, p := range in {
		ib.AddPrefix(p)
	}
	for _, p := range rep.Prefixes {
		ob.AddPrefix(p)
	}
	inSet, _ := ib.IPSet()
	outSet, _ := ob.IPSet()
	for _, p := range inSet.Prefixes() {
		if !outSet.ContainsPrefix(p) {
			tb.Fatalf("Compact(%d prefixes, %d) = %v misses %s", len(in), limit, rep.Prefixes, p)
		}
	}
	// The output is canonical (disjoint), so its size minus the input's is the extra.
	extra := new(big.Int).Sub(countAddresses(outSet.Prefixes()), rep.InputAddresses)
	if extra.Cmp(rep.ExtraAddresses) != 0 || len(outSet.Prefixes()) != len(rep.Prefixes) {
		tb.Fatalf("Compact(%d prefixes, %d) = %v: reported extra %s, real %s", len(in), limit, rep.Prefixes, rep.ExtraAddresses, extra)
	}
	return inSet
}
