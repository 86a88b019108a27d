package cidrset

import (
	"errors"
	"net/netip"
	"slices"
	"strings"
	"testing"
)

func TestCompact(t *testing.T) {
	tests := []struct {
		name        string
		in, trusted []string
		limit       int
		want        []string
		extra       string
		untrusted   string // "" means the same as extra
		inputAddrs  string
		mergedCount int
		widest      int
	}{
		{
			name: "lossless when merged fits", in: []string{"10.0.0.0/25", "10.0.0.128/25", "10.0.5.5"}, limit: 2,
			want: []string{"10.0.0.0/24", "10.0.5.5/32"}, extra: "0", inputAddrs: "257", mergedCount: 2, widest: 24,
		},
		{
			name: "lossless ignores trusted", in: []string{"10.0.0.0/25", "10.0.5.5"}, trusted: []string{"10.0.0.0/8"}, limit: 2,
			want: []string{"10.0.0.0/25", "10.0.5.5/32"}, extra: "0", inputAddrs: "129", mergedCount: 2, widest: 25,
		},
		{
			name: "two of three singles", in: []string{"10.0.0.0", "10.0.0.2", "10.0.0.8"}, limit: 2,
			want: []string{"10.0.0.0/30", "10.0.0.8/32"}, extra: "2", inputAddrs: "3", mergedCount: 3, widest: 30,
		},
		{
			name: "one of three singles", in: []string{"10.0.0.0", "10.0.0.2", "10.0.0.8"}, limit: 1,
			want: []string{"10.0.0.0/28"}, extra: "13", inputAddrs: "3", mergedCount: 3, widest: 28,
		},
		{
			// Both pairs cost 2 extra; the tie goes to the lower addresses.
			name: "tie is deterministic", in: []string{"10.0.0.6", "10.0.0.4", "10.0.0.2", "10.0.0.0"}, limit: 3,
			want: []string{"10.0.0.0/30", "10.0.0.4/32", "10.0.0.6/32"}, extra: "2", inputAddrs: "4", mergedCount: 4, widest: 30,
		},
		{
			// Two /25s would also add 96 addresses; the single /24 wins on entries.
			name: "fewest entries on equal extra", in: []string{"10.0.0.0/26", "10.0.0.64/27", "10.0.0.128/27", "10.0.0.224/27"}, limit: 2,
			want: []string{"10.0.0.0/24"}, extra: "96", inputAddrs: "160", mergedCount: 4, widest: 24,
		},
		{
			name: "far apart ipv4", in: []string{"1.0.0.0/8", "100.0.0.0/8"}, limit: 1,
			want: []string{"0.0.0.0/1"}, extra: "2113929216", inputAddrs: "33554432", mergedCount: 2, widest: 1,
		},
		{
			name: "ipv6 over 64 bits", in: []string{"::/2", "7fff::/16"}, limit: 1,
			want: []string{"::/1"}, extra: "85065399433376081038215121361612832768", // 2^126 - 2^112
			inputAddrs: "85075784027093150693472182354271272960", mergedCount: 2, widest: 1,
		},
		{
			name: "mapped addresses are ipv4", in: []string{"::ffff:10.0.0.1", "10.0.0.2"}, limit: 1,
			want: []string{"10.0.0.0/30"}, extra: "2", inputAddrs: "2", mergedCount: 2, widest: 30,
		},
		{
			// Without trusted, the pair .64/.66 costs 2 addresses and .0/.4 would cost 6.
			name: "untrusted pair", in: []string{"10.0.0.0", "10.0.0.4", "10.0.0.64", "10.0.0.66"}, limit: 3,
			want: []string{"10.0.0.0/32", "10.0.0.4/32", "10.0.0.64/30"}, extra: "2", inputAddrs: "4", mergedCount: 4, widest: 30,
		},
		{
			// Trusting .0/29 makes its 6 addresses free of untrusted ones: more extra, none untrusted.
			name: "trusted pair", in: []string{"10.0.0.0", "10.0.0.4", "10.0.0.64", "10.0.0.66"}, trusted: []string{"10.0.0.1/29"}, limit: 3,
			want: []string{"10.0.0.0/29", "10.0.0.64/32", "10.0.0.66/32"}, extra: "6", untrusted: "0", inputAddrs: "4", mergedCount: 4, widest: 29,
		},
		{
			name: "trusted ipv6 pair", in: []string{"2001:db8::", "2001:db8::4", "2001:db8::40", "2001:db8::42"},
			trusted: []string{"2001:db8::/125", "10.0.0.0/8"}, limit: 3,
			want: []string{"2001:db8::/125", "2001:db8::40/128", "2001:db8::42/128"}, extra: "6", untrusted: "0", inputAddrs: "4", mergedCount: 4, widest: 125,
		},
		{
			name: "partly trusted", in: []string{"10.0.0.0", "10.0.0.2", "10.0.0.8"}, trusted: []string{"10.0.0.12/30", "::ffff:10.0.0.1"}, limit: 1,
			want: []string{"10.0.0.0/28"}, extra: "13", untrusted: "8", inputAddrs: "3", mergedCount: 3, widest: 28,
		},
		{
			// Everything is trusted, so total extra decides, as without trusted.
			name: "all trusted", in: []string{"10.0.0.0", "10.0.0.4", "10.0.0.64", "10.0.0.66"}, trusted: []string{"0.0.0.0/0"}, limit: 3,
			want: []string{"10.0.0.0/32", "10.0.0.4/32", "10.0.0.64/30"}, extra: "2", untrusted: "0", inputAddrs: "4", mergedCount: 4, widest: 30,
		},
		{
			name: "all ipv6 trusted", in: []string{"2001:db8::", "2001:db8::2", "2001:db8::8"}, trusted: []string{"::/0"}, limit: 2,
			want: []string{"2001:db8::/126", "2001:db8::8/128"}, extra: "2", untrusted: "0", inputAddrs: "3", mergedCount: 3, widest: 126,
		},
		{
			name: "other family trusted only", in: []string{"10.0.0.0", "10.0.0.4", "10.0.0.64", "10.0.0.66"}, trusted: []string{"::/0"}, limit: 3,
			want: []string{"10.0.0.0/32", "10.0.0.4/32", "10.0.0.64/30"}, extra: "2", inputAddrs: "4", mergedCount: 4, widest: 30,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in, trusted := mustParse(t, tt.in...), mustParse(t, tt.trusted...)
			rep, err := Compact(in, tt.limit, trusted)
			if err != nil {
				t.Fatal(err)
			}
			checkCover(t, in, trusted, tt.limit, rep)
			if got := Strings(rep.Prefixes); !slices.Equal(got, tt.want) {
				t.Errorf("prefixes %v, want %v", got, tt.want)
			}
			untrusted := tt.untrusted
			if untrusted == "" {
				untrusted = tt.extra
			}
			if rep.ExtraAddresses.String() != tt.extra || rep.UntrustedExtraAddresses.String() != untrusted {
				t.Errorf("extra %s, untrusted %s; want %s, %s", rep.ExtraAddresses, rep.UntrustedExtraAddresses, tt.extra, untrusted)
			}
			if rep.InputAddresses.String() != tt.inputAddrs {
				t.Errorf("input addresses %s, want %s", rep.InputAddresses, tt.inputAddrs)
			}
			if rep.InputCount != len(tt.in) || rep.MergedCount != tt.mergedCount || rep.OutputCount != len(tt.want) {
				t.Errorf("counts in/merged/out %d/%d/%d, want %d/%d/%d",
					rep.InputCount, rep.MergedCount, rep.OutputCount, len(tt.in), tt.mergedCount, len(tt.want))
			}
			if rep.WidestPrefixLength != tt.widest {
				t.Errorf("widest %d, want %d", rep.WidestPrefixLength, tt.widest)
			}
		})
	}
}

func TestCompactErrors(t *testing.T) {
	tests := []struct {
		name        string
		in, trusted []netip.Prefix
		limit       int
		is          error
		whole       *WholeFamilyError
		says        []string
	}{
		{name: "limit zero", in: mustParse(t, "10.0.0.0/8"), limit: 0, says: []string{"limit", "at least 1", "0"}},
		{name: "limit negative", in: mustParse(t, "10.0.0.0/8"), limit: -1, says: []string{"-1"}},
		{name: "empty", in: nil, limit: 3, is: errEmpty, says: []string{"empty", "authorized_ip_ranges", "every address"}},
		{name: "empty with trusted", in: []netip.Prefix{}, trusted: mustParse(t, "10.0.0.0/8"), limit: 3, is: errEmpty},
		{name: "mixed families", in: mustParse(t, "10.0.0.0/8", "2001:db8::/32"), limit: 5, is: errMixedFamilies},
		{name: "mixed families lossy", in: mustParse(t, "10.0.0.0/8", "12.0.0.0/8", "2001:db8::/32"), limit: 1, is: errMixedFamilies},
		{name: "invalid prefix", in: []netip.Prefix{mustParse(t, "10.0.0.0/8")[0], {}}, limit: 1, says: []string{"element 1 "}},
		{name: "invalid trusted prefix", in: mustParse(t, "10.0.0.0/8"), trusted: []netip.Prefix{{}}, limit: 1, says: []string{"trusted element 0 "}},
		{
			name: "far apart", in: mustParse(t, "1.0.0.0/8", "255.0.0.0/8"), limit: 1,
			whole: &WholeFamilyError{Family: "IPv4", Limit: 1},
			says:  []string{"at most 1 prefix would", "every IPv4 address (0.0.0.0/0)", "larger limit", "trusted"},
		},
		{
			// Trusting everything makes no address untrusted, but the result is still everything.
			name: "far apart all trusted", in: mustParse(t, "1.0.0.0/8", "255.0.0.0/8"), trusted: mustParse(t, "0.0.0.0/0"), limit: 1,
			whole: &WholeFamilyError{Family: "IPv4", Limit: 1},
		},
		{
			name: "halves", in: mustParse(t, "0.0.0.0/1", "128.0.0.0/1"), limit: 5,
			whole: &WholeFamilyError{Family: "IPv4", Limit: 5, InputCoversAll: true},
			says:  []string{"covers every IPv4 address (it merges to 0.0.0.0/0)", "whole internet"},
		},
		{
			name: "input holds everything", in: mustParse(t, "10.0.0.0/8", "0.0.0.0/0", "1.2.3.4"), limit: 1,
			whole: &WholeFamilyError{Family: "IPv4", Limit: 1, InputCoversAll: true},
		},
		{
			name: "ipv6 everything", in: mustParse(t, "::/0"), limit: 200,
			whole: &WholeFamilyError{Family: "IPv6", Limit: 200, InputCoversAll: true}, says: []string{"::/0"},
		},
		{
			name: "ipv6 far apart", in: mustParse(t, "::/1", "ffff::/16"), limit: 1,
			whole: &WholeFamilyError{Family: "IPv6", Limit: 1}, says: []string{"every IPv6 address (::/0)"},
		},
		{
			name: "ipv6 far apart limit 2", in: mustParse(t, "::/2", "4000::/2", "8000::/2", "ffff::/16"), limit: 2,
			whole: &WholeFamilyError{Family: "IPv6", Limit: 2}, says: []string{"at most 2 prefixes would"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Compact(tt.in, tt.limit, tt.trusted)
			if err == nil {
				t.Fatal("want error")
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Fatalf("error %v, want %v", err, tt.is)
			}
			var whole *WholeFamilyError
			if errors.As(err, &whole) != (tt.whole != nil) || (tt.whole != nil && *whole != *tt.whole) {
				t.Fatalf("error %#v, want %#v", err, tt.whole)
			}
			for _, s := range tt.says {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not say %q", err, s)
				}
			}
			if strings.Contains(err.Error(), "argument") {
				t.Errorf("error %q names an argument; the provider adds that", err)
			}
		})
	}
}
