package cidrset

import (
	"math/rand/v2"
	"net/netip"
	"slices"
	"testing"

	"go4.org/netipx"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/testutil"
)

func TestMerge(t *testing.T) {
	tests := []struct {
		name string
		in   []string
		want []string
	}{
		{"empty", nil, []string{}},
		{"single", []string{"10.0.0.0/8"}, []string{"10.0.0.0/8"}},
		{"adjacent halves", []string{"10.0.0.128/25", "10.0.0.0/25"}, []string{"10.0.0.0/24"}},
		{"adjacent chain", []string{"10.0.0.0/32", "10.0.0.1/32", "10.0.0.2/31"}, []string{"10.0.0.0/30"}},
		{"adjacent but not aligned", []string{"10.0.0.1/32", "10.0.0.2/32"}, []string{"10.0.0.1/32", "10.0.0.2/32"}},
		{"nested", []string{"10.1.0.0/16", "10.0.0.0/8", "10.200.3.4"}, []string{"10.0.0.0/8"}},
		{"duplicates", []string{"1.1.1.1", "1.1.1.1/32", "1.1.1.1"}, []string{"1.1.1.1/32"}},
		{"sorted numerically", []string{"192.168.0.0/16", "9.0.0.0/8", "100.64.0.0/10"}, []string{"9.0.0.0/8", "100.64.0.0/10", "192.168.0.0/16"}},
		{"ipv4 first", []string{"2001:db8::/32", "10.0.0.0/8", "::1"}, []string{"10.0.0.0/8", "::1/128", "2001:db8::/32"}},
		{"ipv6 adjacent", []string{"2001:db8::/33", "2001:db8:8000::/33"}, []string{"2001:db8::/32"}},
		{"gap splits", []string{"10.0.0.0/24", "10.0.2.0/24"}, []string{"10.0.0.0/24", "10.0.2.0/24"}},
		{"three quarters", []string{"10.0.0.0/26", "10.0.0.64/26", "10.0.0.128/26"}, []string{"10.0.0.0/25", "10.0.0.128/26"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Strings(Merge(mustParse(t, tt.in...)))
			if !slices.Equal(got, tt.want) {
				t.Fatalf("Merge(%v) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestMergeNormalizesUnparsedInput(t *testing.T) {
	in := []netip.Prefix{
		netip.MustParsePrefix("::ffff:10.0.0.0/104"),
		netip.MustParsePrefix("11.1.2.3/8"),
		{}, // invalid: ignored
	}
	got := Strings(Merge(in))
	want := []string{"10.0.0.0/7"}
	if !slices.Equal(got, want) {
		t.Fatalf("Merge = %v, want %v", got, want)
	}
}

// netipxMerge is the oracle for Merge: go4.org/netipx's range builder.
func netipxMerge(p []netip.Prefix) []netip.Prefix {
	var b netipx.IPSetBuilder
	for _, q := range p {
		if q.IsValid() {
			b.AddPrefix(normalize(q))
		}
	}
	set, _ := b.IPSet()
	return set.Prefixes()
}

// TestMergeMatchesNetipx compares Merge with netipx on random mixtures of nested,
// adjacent and duplicate prefixes of both families, invalid ones included.
func TestMergeMatchesNetipx(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	bases := []netip.Prefix{
		netip.MustParsePrefix("10.0.0.0/22"),
		netip.MustParsePrefix("2001:db8::/118"),
		netip.MustParsePrefix("::ffff:10.0.0.0/118"), // IPv4-mapped: must merge with the IPv4 ones
	}
	for iter := 0; iter < 3000; iter++ {
		in := make([]netip.Prefix, r.IntN(40))
		for i := range in {
			if r.IntN(50) == 0 {
				continue // leave an invalid prefix
			}
			base := bases[r.IntN(len(bases))]
			if base.Addr().Is4() {
				a4 := base.Addr().As4()
				a4[2] |= byte(r.IntN(4))
				a4[3] = byte(r.IntN(256))
				in[i] = netip.PrefixFrom(netip.AddrFrom4(a4), base.Bits()+r.IntN(11))
				continue
			}
			a := base.Addr().As16()
			a[14] |= byte(r.IntN(4))
			a[15] = byte(r.IntN(256))
			in[i] = netip.PrefixFrom(netip.AddrFrom16(a), base.Bits()+r.IntN(11))
		}
		if got, want := Merge(in), netipxMerge(in); !slices.Equal(got, want) {
			t.Fatalf("Merge(%v) = %v, netipx %v", in, got, want)
		}
	}
}

func TestMergeEdgesMatchNetipx(t *testing.T) {
	tests := [][]string{
		{"0.0.0.0/1", "128.0.0.0/1"},
		{"::/1", "8000::/1"},
		{"0.0.0.0/0", "::/0"},
		{"10.0.0.0/32", "10.0.0.1/32", "10.0.0.2/32", "10.0.0.3/32", "10.0.0.4/30"},
		{"10.0.0.4/30", "10.0.0.0/8", "10.0.0.0/30"},
		{"255.255.255.255", "255.255.255.254"},
		{"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "::"},
	}
	for _, in := range tests {
		ps := mustParse(t, in...)
		if got, want := Merge(ps), netipxMerge(ps); !slices.Equal(got, want) {
			t.Errorf("Merge(%v) = %v, netipx %v", in, got, want)
		}
	}
}

// TestMergeRealTagsMatchNetipx merges every tag of the latest Public file, and the whole
// file at once, with both implementations.
func TestMergeRealTagsMatchNetipx(t *testing.T) {
	var all []netip.Prefix
	for _, tag := range testutil.Raw(t, testutil.PublicLatest).Values {
		ps, err := Parse(tag.Properties.AddressPrefixes)
		if err != nil {
			t.Fatalf("%s: %v", tag.Name, err)
		}
		if got, want := Merge(ps), netipxMerge(ps); !slices.Equal(got, want) {
			t.Fatalf("%s: Merge and netipx differ: %d vs %d prefixes", tag.Name, len(got), len(want))
		}
		all = append(all, ps...)
	}
	got, want := Merge(all), netipxMerge(all)
	if !slices.Equal(got, want) {
		t.Fatalf("whole file: Merge and netipx differ: %d vs %d prefixes", len(got), len(want))
	}
	t.Logf("whole file: %d prefixes merge to %d", len(all), len(got))
}

func TestAddresses(t *testing.T) {
	v4, v6 := Addresses(mustParse(t, "10.0.0.0/24", "10.0.0.128/25", "10.0.1.0/24", "2001:db8::/127", "2001:db8::1"))
	if v4.String() != "512" || v6.String() != "2" {
		t.Fatalf("Addresses = %s, %s; want 512, 2 (overlaps counted once)", v4, v6)
	}
}
