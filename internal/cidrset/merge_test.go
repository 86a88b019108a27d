package cidrset

import (
	"net/netip"
	"slices"
	"testing"
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
