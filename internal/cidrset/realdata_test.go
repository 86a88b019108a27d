package cidrset

import (
	"fmt"
	"math/big"
	"net/netip"
	"strings"
	"testing"

	"go4.org/netipx"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/testutil"
)

// Geographies used by the real-data tests: AzureCloud region tags of the 2025-10-28 file.
var (
	europeRegions = []string{"northeurope", "westeurope"}
	usRegions     = []string{
		"centralus", "eastus", "eastus2", "eastus3", "northcentralus", "southcentralus",
		"southcentralus2", "southeastus", "southeastus3", "westcentralus", "westus", "westus2", "westus3",
	}
)

// geographyIPv4 returns the IPv4 prefixes of the AzureCloud.<region> tags that exist in the
// latest Public snapshot, and the regions whose tag is missing.
func geographyIPv4(tb testing.TB, regions []string) ([]netip.Prefix, []string) {
	tb.Helper()
	names := make([]string, len(regions))
	for i, r := range regions {
		names[i] = "AzureCloud." + r
	}
	published, missingTags := testutil.Raw(tb, testutil.PublicLatest).Prefixes(names...)
	ps, err := Parse(published)
	if err != nil {
		tb.Fatal(err)
	}
	var out []netip.Prefix
	for _, p := range ps {
		if p.Addr().Is4() {
			out = append(out, p)
		}
	}
	missing := make([]string, len(missingTags))
	for i, n := range missingTags {
		missing[i] = strings.TrimPrefix(n, "AzureCloud.")
	}
	return out, missing
}

func TestCompactRealGeographies(t *testing.T) {
	// Expected figures are pinned: the snapshot never changes, and a drift in them means
	// the algorithm changed.
	tests := []struct {
		name    string
		regions []string
		missing int
		merged  int
		extra   map[int]string // by limit
	}{
		{"Europe", europeRegions, 0, 660, map[int]string{200: "2062958", 40: "69455150"}},
		{"US", usRegions, 1, 2679, map[int]string{200: "8767390", 40: "174802846"}},
	}
	for _, tt := range tests {
		in, missing := geographyIPv4(t, tt.regions)
		if len(missing) != tt.missing {
			t.Fatalf("%s: tags missing for %v, want %d missing", tt.name, missing, tt.missing)
		}
		found := len(tt.regions) - len(missing)
		t.Logf("%s: %d AzureCloud region tags, missing from the file: %v", tt.name, found, missing)
		for _, limit := range []int{200, 40} {
			t.Run(fmt.Sprintf("%s/%d", tt.name, limit), func(t *testing.T) {
				rep, err := Compact(in, limit)
				if err != nil {
					t.Fatal(err)
				}
				inSet := checkCover(t, in, limit, rep)
				ref := referenceOptimum(inSet.Prefixes(), limit)
				if ref.Cmp(rep.ExtraAddresses) != 0 {
					t.Fatalf("extra %s, reference optimum %s", rep.ExtraAddresses, ref)
				}
				if rep.MergedCount != tt.merged || rep.ExtraAddresses.String() != tt.extra[limit] {
					t.Errorf("merged %d, extra %s; want %d, %s", rep.MergedCount, rep.ExtraAddresses, tt.merged, tt.extra[limit])
				}
				t.Logf("%s IPv4 (%d tags) to %d: input %d prefixes, merged %d, output %d, widest /%d, input addresses %s, extra %s",
					tt.name, found, limit, rep.InputCount, rep.MergedCount, rep.OutputCount, rep.WidestPrefixLength,
					rep.InputAddresses, rep.ExtraAddresses)
			})
		}
	}
}

// referenceOptimum is a second, deliberately plain implementation of the optimum: a
// recursion over the uncompressed binary trie of IPv4 space with big.Int costs. It returns
// the fewest extra addresses of a cover of merged (sorted, disjoint IPv4) by at most limit
// prefixes.
func referenceOptimum(merged []netip.Prefix, limit int) *big.Int {
	leaves := make([]refRange, len(merged))
	for i, p := range merged {
		r := netipx.RangeOfPrefix(p)
		leaves[i] = refRange{lo: ip4(r.From()), hi: ip4(r.To())}
	}
	tab := refTable(0, 0, leaves, limit)
	return tab[len(tab)-1]
}

// refRange is an inclusive IPv4 address range.
type refRange struct{ lo, hi uint64 }

func ip4(a netip.Addr) uint64 {
	b := a.As4()
	return uint64(b[0])<<24 | uint64(b[1])<<16 | uint64(b[2])<<8 | uint64(b[3])
}

// refTable returns t where t[k-1] is the fewest extra addresses covering leaves (all inside
// the prefix start/bits) with at most k prefixes inside it, for k = 1..min(len(leaves), limit).
func refTable(start uint64, bits int, leaves []refRange, limit int) []*big.Int {
	size := uint64(1) << (32 - bits)
	var covered uint64
	for _, l := range leaves {
		covered += l.hi - l.lo + 1
	}
	whole := new(big.Int).SetUint64(size - covered) // cost of taking this prefix as one entry
	if covered == size {
		return []*big.Int{whole}
	}
	mid := start + size/2
	split := 0
	for split < len(leaves) && leaves[split].lo < mid {
		split++
	}
	left, right := leaves[:split], leaves[split:]
	c := min(len(leaves), limit)
	tab := make([]*big.Int, c)
	switch {
	case len(right) == 0:
		copy(tab, refTable(start, bits+1, left, limit))
	case len(left) == 0:
		copy(tab, refTable(mid, bits+1, right, limit))
	default:
		a := refTable(start, bits+1, left, limit)
		b := refTable(mid, bits+1, right, limit)
		for i := 1; i <= len(a); i++ {
			for j := 1; j <= len(b); j++ {
				if i+j > c {
					continue
				}
				s := new(big.Int).Add(a[i-1], b[j-1])
				if tab[i+j-1] == nil || s.Cmp(tab[i+j-1]) < 0 {
					tab[i+j-1] = s
				}
			}
		}
	}
	for k := range tab {
		// "At most k" entries: anything doable with k-1 is doable with k.
		if k > 0 && tab[k-1] != nil && (tab[k] == nil || tab[k-1].Cmp(tab[k]) < 0) {
			tab[k] = tab[k-1]
		}
		if tab[k] == nil || whole.Cmp(tab[k]) < 0 {
			tab[k] = whole
		}
	}
	return tab
}
