package cidrset

import (
	"cmp"
	"fmt"
	"net/netip"
	"slices"
	"strings"
	"testing"

	"go4.org/netipx"
)

// The limits and shapes of the Azure consumers that internal/target knows, by shape and
// limit only: this package knows no consumer.
var realShapes = []struct {
	shape Shape
	limit int
}{
	{Prefixes, 100}, {Prefixes, 128}, {Prefixes, 200}, {Prefixes, 1000}, {Prefixes, 2000}, {Prefixes, 5000},
	{PrefixesWithout(31), 400}, {Ranges, 128},
}

// TestCoverRealShapes covers the Azure DevOps agents of a United States and a West Europe
// organisation (Europe with its France fallback) with trusted = AzureCloud in every shape
// and limit, and tags full of /31 and /32 in the storage shape, each checked against the
// independent references: the uncompressed-trie optimum for prefix shapes, the exchange
// argument over gaps measured with netipx for ranges.
func TestCoverRealShapes(t *testing.T) {
	trusted := azureCloudIPv4(t)
	us, _ := geographyIPv4(t, usRegions)
	westEurope, _ := geographyIPv4(t, append(slices.Clone(europeRegions), franceRegions...))
	azureMonitor, _ := tagIPv4(t, "AzureMonitor")
	storageMover, _ := tagIPv4(t, "StorageMover")
	inputs := []struct {
		name string
		in   []netip.Prefix
	}{{"United States", us}, {"West Europe", westEurope}, {"AzureMonitor", azureMonitor}, {"StorageMover", storageMover}}
	// merged entries, entries, extra, untrusted extra, digest of the entries
	want := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(realShapeFigures), "\n") {
		name, figures, _ := strings.Cut(line, ": ")
		want[name] = figures
	}
	for _, input := range inputs {
		for _, s := range realShapes {
			storageOnly := input.name == "AzureMonitor" || input.name == "StorageMover"
			if storageOnly && s.shape != PrefixesWithout(31) {
				continue
			}
			for _, tr := range [][]netip.Prefix{trusted, nil} {
				if tr == nil && !storageOnly {
					continue
				}
				name := fmt.Sprintf("%s/%s/%d/trusted=%v", input.name, s.shape, s.limit, tr != nil)
				t.Run(name, func(t *testing.T) {
					rep, err := Cover(t.Context(), input.in, s.limit, tr, s.shape)
					if err != nil {
						t.Fatal(err)
					}
					checkRealShape(t, input.in, tr, s.limit, s.shape, rep)
					got := fmt.Sprintf("%d %d %s %s %s", rep.MergedCount, rep.OutputCount, rep.ExtraAddresses,
						rep.UntrustedExtraAddresses, entriesDigest(rep))
					if got != want[name] {
						t.Errorf("%s: %s; pinned %q", name, got, want[name])
					}
				})
			}
		}
	}
}

// realShapeFigures pins each real cover: merged entries, entries, extra addresses,
// untrusted extra addresses and a digest of the entries (it guards the tie-breaking too).
const realShapeFigures = `
United States/prefixes/100/trusted=true: 2679 100 22210462 3272818 2c1e28bc4ab6
United States/prefixes/128/trusted=true: 2679 128 20500942 1991261 600eeec63786
United States/prefixes/200/trusted=true: 2679 200 17878734 814797 8162b029f625
United States/prefixes/1000/trusted=true: 2679 1000 2139944 0 c2f661acf527
United States/prefixes/2000/trusted=true: 2679 2000 2888 0 6501032219cb
United States/prefixes/5000/trusted=true: 2679 2679 0 0 70d1bcdc1b85
United States/prefixes without /31/400/trusted=true: 2831 400 11230191 153532 e37e4a501b2a
United States/ranges/128/trusted=true: 1485 128 16423830 752555 121de05761a4
West Europe/prefixes/100/trusted=true: 841 100 25760598 1489057 061ba8e852a2
West Europe/prefixes/128/trusted=true: 841 128 23150870 784847 cd9f09fcb7f5
West Europe/prefixes/200/trusted=true: 841 200 14122134 168866 8bca5b0767fc
West Europe/prefixes/1000/trusted=true: 841 841 0 0 27b58424bf35
West Europe/prefixes/2000/trusted=true: 841 841 0 0 27b58424bf35
West Europe/prefixes/5000/trusted=true: 841 841 0 0 27b58424bf35
West Europe/prefixes without /31/400/trusted=true: 842 400 1223952 0 a8543f067c3e
West Europe/ranges/128/trusted=true: 668 128 15405910 172156 6ede136850ac
AzureMonitor/prefixes without /31/400/trusted=true: 1721 400 8253340 0 0516abcc2bf9
AzureMonitor/prefixes without /31/400/trusted=false: 1721 400 6316606 6316606 f3077177be5c
StorageMover/prefixes without /31/400/trusted=true: 36 36 0 0 e15272150e8d
StorageMover/prefixes without /31/400/trusted=false: 36 36 0 0 e15272150e8d
`

// entriesDigest is digest for either kind of entries.
func entriesDigest(rep Report) string {
	if rep.Ranges == nil {
		return digest(rep.Prefixes)
	}
	ps := make([]netip.Prefix, 0, 2*len(rep.Ranges))
	for _, r := range rep.Ranges {
		ps = append(ps, netip.PrefixFrom(r.First, 32), netip.PrefixFrom(r.Last, 32))
	}
	return digest(ps)
}

// checkRealShape checks one real cover with netipx and the independent references.
func checkRealShape(t *testing.T, in, trusted []netip.Prefix, limit int, shape Shape, rep Report) {
	t.Helper()
	var out netipx.IPSetBuilder
	for _, p := range rep.Prefixes {
		out.AddPrefix(p)
		if shape != Prefixes && p.Bits() == 31 {
			t.Fatalf("%s: entry %s has the avoided length", shape, p)
		}
	}
	for _, r := range rep.Ranges {
		out.AddRange(netipx.IPRangeFrom(r.First, r.Last))
	}
	outSet, _ := out.IPSet()
	inSet, allowedSet := ipSet(in), ipSet(append(slices.Clone(in), trusted...))
	if setSize(minus(inSet, outSet)) != 0 {
		t.Fatal("the cover misses input addresses")
	}
	if rep.OutputCount > limit {
		t.Fatalf("%d entries for limit %d", rep.OutputCount, limit)
	}
	extra, untrusted := setSize(minus(outSet, inSet)), setSize(minus(outSet, allowedSet))
	if rep.ExtraAddresses.Uint64() != extra || rep.UntrustedExtraAddresses.Uint64() != untrusted {
		t.Fatalf("reported extra %s, untrusted %s; netipx measures %d, %d", rep.ExtraAddresses, rep.UntrustedExtraAddresses, extra, untrusted)
	}
	if shape == Ranges {
		checkGapExchange(t, inSet, allowedSet, limit, rep)
		return
	}
	avoid := 0
	if shape != Prefixes {
		avoid = 31
	}
	if ref := referenceOptimum(inSet.Prefixes(), allowedSet.Prefixes(), limit, avoid); ref != rep.cost() {
		t.Fatalf("cost %v, reference optimum %v", rep.cost(), ref)
	}
}

// checkGapExchange checks a range cover by the exchange argument, with costs measured by
// netipx: the cover bridges exactly runs-limit gaps between the input's runs (or none when
// they fit), and no open gap is cheaper, in criteria order, than a bridged one.
func checkGapExchange(t *testing.T, inSet, allowedSet *netipx.IPSet, limit int, rep Report) {
	t.Helper()
	runs := inSet.Ranges()
	type gap struct{ untrusted, size uint64 }
	var bridged, open []gap
	for i := 1; i < len(runs); i++ {
		g := netipx.IPRangeFrom(runs[i-1].To().Next(), runs[i].From().Prev())
		var b netipx.IPSetBuilder
		b.AddRange(g)
		b.RemoveSet(allowedSet)
		u, _ := b.IPSet()
		c := gap{setSize(u), ip4(g.To()) - ip4(g.From()) + 1}
		inside := slices.ContainsFunc(rep.Ranges, func(r Range) bool { return !g.From().Less(r.First) && !r.Last.Less(g.To()) })
		if inside {
			bridged = append(bridged, c)
		} else {
			open = append(open, c)
		}
	}
	if want := max(0, len(runs)-limit); len(bridged) != want || rep.MergedCount != len(runs) {
		t.Fatalf("%d of %d gaps bridged (merged %d), want %d", len(bridged), len(runs)-1, rep.MergedCount, want)
	}
	order := func(a, b gap) int { return cmp.Or(cmp.Compare(a.untrusted, b.untrusted), cmp.Compare(a.size, b.size)) }
	if len(bridged) > 0 && len(open) > 0 && order(slices.MaxFunc(bridged, order), slices.MinFunc(open, order)) > 0 {
		t.Fatalf("a bridged gap %+v costs more than an open one %+v", slices.MaxFunc(bridged, order), slices.MinFunc(open, order))
	}
}

// minus returns a without b.
func minus(a, b *netipx.IPSet) *netipx.IPSet {
	var s netipx.IPSetBuilder
	s.AddSet(a)
	s.RemoveSet(b)
	out, _ := s.IPSet()
	return out
}

// setSize counts the addresses of an IPv4 set.
func setSize(s *netipx.IPSet) uint64 {
	var n uint64
	for _, r := range s.Ranges() {
		n += ip4(r.To()) - ip4(r.From()) + 1
	}
	return n
}
