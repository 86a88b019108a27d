package cidrset

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/netip"
	"strings"
	"testing"

	"go4.org/netipx"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/testutil"
)

// Geographies used by the real-data tests: AzureCloud region tags of the 2025-10-28 file,
// spelled as the file spells them (francecentral is centralfrance, francesouth southfrance).
var (
	europeRegions = []string{"northeurope", "northeurope2", "westeurope"}
	franceRegions = []string{"centralfrance", "southfrance"}
	usRegions     = []string{
		"centralus", "eastus", "eastus2", "eastus3", "northcentralus", "southcentralus",
		"southcentralus2", "southeastus", "southeastus3", "westcentralus", "westus", "westus2", "westus3",
	}
)

// tagIPv4 returns the IPv4 prefixes of the named tags in the latest Public snapshot, and
// the names the file does not have.
func tagIPv4(tb testing.TB, names ...string) ([]netip.Prefix, []string) {
	tb.Helper()
	published, missing := testutil.Raw(tb, testutil.PublicLatest).Prefixes(names...)
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
	return out, missing
}

// geographyIPv4 returns the IPv4 prefixes of the AzureCloud.<region> tags that exist in the
// latest Public snapshot, and the regions whose tag is missing.
func geographyIPv4(tb testing.TB, regions []string) ([]netip.Prefix, []string) {
	tb.Helper()
	names := make([]string, len(regions))
	for i, r := range regions {
		names[i] = "AzureCloud." + r
	}
	out, missingTags := tagIPv4(tb, names...)
	missing := make([]string, len(missingTags))
	for i, n := range missingTags {
		missing[i] = strings.TrimPrefix(n, "AzureCloud.")
	}
	return out, missing
}

// azureCloudIPv4 returns the IPv4 prefixes of the tag named exactly AzureCloud: the whole
// public cloud, the trusted set of the real-data tests.
func azureCloudIPv4(tb testing.TB) []netip.Prefix {
	tb.Helper()
	out, missing := tagIPv4(tb, "AzureCloud")
	if len(missing) != 0 || len(out) == 0 {
		tb.Fatal("the snapshot has no AzureCloud tag")
	}
	return out
}

// realFigures are the pinned results of one geography compacted to one limit, without and
// with trusted = AzureCloud.
type realFigures struct {
	extra, untrusted               string // without trusted; untrusted is measured against AzureCloud
	trustedExtra, trustedUntrusted string // with trusted
	widest, trustedWidest          int
	digest, trustedDigest          string // of the result list: guards tie-breaking too
}

func TestCompactRealGeographies(t *testing.T) {
	// Expected figures are pinned: the snapshot never changes, and a drift in them means
	// the algorithm changed. Each run is also checked against referenceOptimum. At limit 40
	// the widest prefixes dominate and trusting AzureCloud changes nothing: the same list.
	// The digests without trusted are those the package gave before it knew trusted lists.
	tests := []struct {
		name    string
		regions []string
		missing []string
		merged  int
		figures map[int]realFigures // by limit
	}{
		{"Europe", europeRegions, nil, 663, map[int]realFigures{
			200: {"2096750", "373502", "7894446", "53798", 15, 12, "66f2a78c0711", "fa031e1928fc"},
			40:  {"69453614", "36157713", "69453614", "36157713", 8, 8, "f4bc7b2f550d", "f4bc7b2f550d"},
		}},
		{"Europe+France", append(append([]string{}, europeRegions...), franceRegions...), nil, 841, map[int]realFigures{
			200: {"3110486", "663546", "14122134", "168866", 14, 11, "2caf5a7265fc", "8bca5b0767fc"},
			40:  {"82962262", "47575313", "82962262", "47575313", 8, 8, "69e0546a099a", "69e0546a099a"},
		}},
		{"US", usRegions, []string{"eastus3"}, 2679, map[int]realFigures{
			200: {"8767390", "2293346", "17878734", "814797", 11, 10, "e0dd6e571e83", "8162b029f625"},
			40:  {"174802846", "147047534", "174802846", "147047534", 7, 7, "2217e0ef6c20", "2217e0ef6c20"},
		}},
	}
	trusted := azureCloudIPv4(t)
	trustedMerged := Merge(trusted)
	if len(trustedMerged) != 1860 {
		t.Errorf("AzureCloud merges to %d IPv4 prefixes, want 1860", len(trustedMerged))
	}
	for _, tt := range tests {
		in, missing := geographyIPv4(t, tt.regions)
		if fmt.Sprint(missing) != fmt.Sprint(tt.missing) {
			t.Fatalf("%s: tags missing for %v, want %v", tt.name, missing, tt.missing)
		}
		for _, limit := range []int{200, 40} {
			t.Run(fmt.Sprintf("%s/%d", tt.name, limit), func(t *testing.T) {
				want := tt.figures[limit]
				plain := compactReal(t, in, nil, limit)
				with := compactReal(t, in, trusted, limit)
				got := realFigures{
					plain.ExtraAddresses.String(), untrustedExtra(in, trusted, plain.Prefixes).String(),
					with.ExtraAddresses.String(), with.UntrustedExtraAddresses.String(),
					plain.WidestPrefixLength, with.WidestPrefixLength,
					digest(plain.Prefixes), digest(with.Prefixes),
				}
				if plain.MergedCount != tt.merged || got != want {
					t.Errorf("merged %d, figures %+v; want %d, %+v", plain.MergedCount, got, tt.merged, want)
				}
				t.Logf("| %s | %d | %d | %s | %s | %s | %s | /%d | /%d |", tt.name, plain.MergedCount, limit,
					got.extra, got.untrusted, got.trustedExtra, got.trustedUntrusted, got.widest, got.trustedWidest)
			})
		}
	}
}

// compactReal compacts in with trusted and checks the result against the netipx measures
// and the independent reference optimum.
func compactReal(t *testing.T, in, trusted []netip.Prefix, limit int) Report {
	t.Helper()
	rep, err := Compact(t.Context(), in, limit, trusted)
	if err != nil {
		t.Fatal(err)
	}
	inSet := checkCover(t, in, trusted, limit, rep)
	ref := referenceOptimum(inSet.Prefixes(), ipSet(append(append([]netip.Prefix{}, in...), trusted...)).Prefixes(), limit, 0)
	if got := rep.cost(); ref != got {
		t.Fatalf("Compact(limit %d, %d trusted) costs %v, reference optimum %v", limit, len(trusted), rep.cost(), ref)
	}
	return rep
}

// digest is a short hash of a prefix list, for pinning a result without listing it.
func digest(ps []netip.Prefix) string {
	sum := sha256.Sum256([]byte(strings.Join(Strings(ps), ",")))
	return hex.EncodeToString(sum[:6])
}

// TestCompactRealFewEntries: the Europe agents in 3 entries or fewer cover every unicast IPv4
// address, which is refused with or without trusted; in 4 or 5 (0.0.0.0/1 and 128.0.0.0/2
// among them) they cover less, which is the user's call: a precondition on
// widest_prefix_length refuses it.
func TestCompactRealFewEntries(t *testing.T) {
	in, _ := geographyIPv4(t, europeRegions)
	for _, trusted := range [][]netip.Prefix{nil, azureCloudIPv4(t)} {
		for limit := 1; limit <= 5; limit++ {
			rep, err := Compact(t.Context(), in, limit, trusted)
			var whole *WholeFamilyError
			switch {
			case limit <= 3 && (!errors.As(err, &whole) || whole.Family != "IPv4" || whole.Limit != limit || whole.InputCoversAll):
				t.Fatalf("Europe to %d prefixes with %d trusted: %v, want a whole-family error", limit, len(trusted), err)
			case limit > 3 && (err != nil || rep.WidestPrefixLength != 1 || rep.Prefixes[0] != netip.MustParsePrefix("0.0.0.0/1")):
				t.Fatalf("Europe to %d prefixes with %d trusted: %v (%v), want 0.0.0.0/1 first", limit, len(trusted), rep.Prefixes, err)
			}
		}
	}
}

// referenceOptimum is a second, deliberately plain implementation of the optimum: a
// recursion over the uncompressed binary trie of IPv4 space. It returns the best
// (untrusted extra, extra, entries) of a cover of merged (sorted, disjoint IPv4) by at most
// limit prefixes, none of length avoid (0: any length), where untrusted means outside
// allowed (sorted, disjoint IPv4 prefixes containing merged).
func referenceOptimum(merged, allowed []netip.Prefix, limit, avoid int) refCost {
	tab := refTable(0, 0, refRanges(merged), refRanges(allowed), limit, avoid)
	return tab[len(tab)-1]
}

// refRange is an inclusive IPv4 address range.
type refRange struct{ lo, hi uint64 }

func refRanges(ps []netip.Prefix) []refRange {
	out := make([]refRange, len(ps))
	for i, p := range ps {
		r := netipx.RangeOfPrefix(p)
		out[i] = refRange{lo: ip4(r.From()), hi: ip4(r.To())}
	}
	return out
}

func ip4(a netip.Addr) uint64 {
	b := a.As4()
	return uint64(b[0])<<24 | uint64(b[1])<<16 | uint64(b[2])<<8 | uint64(b[3])
}

// refCost is a cover's cost in the reference, compared lexicographically. IPv4 counts
// fit in 64 bits; refInfeasible marks a table entry no cover reaches.
type refCost struct {
	untrusted, extra uint64
	entries          int
}

var refInfeasible = refCost{untrusted: 1 << 62}

func (a refCost) plus(b refCost) refCost {
	if a.untrusted >= refInfeasible.untrusted || b.untrusted >= refInfeasible.untrusted {
		return refInfeasible
	}
	return refCost{a.untrusted + b.untrusted, a.extra + b.extra, a.entries + b.entries}
}

func (a refCost) less(b refCost) bool {
	if a.untrusted != b.untrusted {
		return a.untrusted < b.untrusted
	}
	if a.extra != b.extra {
		return a.extra < b.extra
	}
	return a.entries < b.entries
}

func (a refCost) String() string {
	return fmt.Sprintf("(untrusted %d, extra %d, %d entries)", a.untrusted, a.extra, a.entries)
}

// cost is the cost measured by the package, for comparison with the reference.
func (rep Report) cost() refCost {
	return refCost{rep.UntrustedExtraAddresses.Uint64(), rep.ExtraAddresses.Uint64(), rep.OutputCount}
}

// split returns the parts of rs (sorted, disjoint) below and from mid, cutting a range that
// spans it.
func split(rs []refRange, mid uint64) (below, above []refRange) {
	for _, r := range rs {
		switch {
		case r.hi < mid:
			below = append(below, r)
		case r.lo >= mid:
			above = append(above, r)
		default:
			below = append(below, refRange{r.lo, mid - 1})
			above = append(above, refRange{mid, r.hi})
		}
	}
	return below, above
}

func size(rs []refRange) uint64 {
	var n uint64
	for _, r := range rs {
		n += r.hi - r.lo + 1
	}
	return n
}

// refTable returns t where t[k-1] is the best cost of covering leaves (all inside the
// prefix start/bits, as is allowed) with at most k prefixes inside it, none of length
// avoid, for k = 1..min(2·len(leaves), limit) (a leaf of length avoid takes two entries).
func refTable(start uint64, bits int, leaves, allowed []refRange, limit, avoid int) []refCost {
	total := uint64(1) << (32 - bits)
	whole := refCost{ // the cost of taking this prefix as one entry
		untrusted: total - size(allowed),
		extra:     total - size(leaves),
		entries:   1,
	}
	if bits == avoid {
		whole = refInfeasible
	} else if whole.extra == 0 {
		return []refCost{whole}
	}
	mid := start + total/2
	left, right := split(leaves, mid)
	allowedLeft, allowedRight := split(allowed, mid)
	c := min(2*len(leaves), limit)
	tab := make([]*refCost, c)
	switch {
	case len(right) == 0:
		for i, v := range refTable(start, bits+1, left, allowedLeft, limit, avoid) {
			tab[i] = &v
		}
	case len(left) == 0:
		for i, v := range refTable(mid, bits+1, right, allowedRight, limit, avoid) {
			tab[i] = &v
		}
	default:
		a := refTable(start, bits+1, left, allowedLeft, limit, avoid)
		b := refTable(mid, bits+1, right, allowedRight, limit, avoid)
		for i := 1; i <= len(a); i++ {
			for j := 1; j <= len(b) && i+j <= c; j++ {
				if s := a[i-1].plus(b[j-1]); tab[i+j-1] == nil || s.less(*tab[i+j-1]) {
					tab[i+j-1] = &s
				}
			}
		}
	}
	out := make([]refCost, c)
	for k := range out {
		out[k] = whole
		if tab[k] != nil && tab[k].less(out[k]) {
			out[k] = *tab[k]
		}
		// "At most k" entries: anything doable with k-1 is doable with k.
		if k > 0 && out[k-1].less(out[k]) {
			out[k] = out[k-1]
		}
	}
	return out
}
