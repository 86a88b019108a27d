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
			// Half of IPv4 is narrower than its unicast space: the user's call, not refused.
			name: "half of ipv4", in: []string{"1.0.0.0/24", "126.0.0.0/24", "200.0.0.0/24"}, limit: 2,
			want: []string{"0.0.0.0/1", "200.0.0.0/24"}, extra: "2147483136", inputAddrs: "768", mergedCount: 3, widest: 1,
		},
		{
			// Every unicast address but one: still narrower, still the user's call.
			name: "unicast but one", in: []string{"0.0.0.0/1", "128.0.0.0/2", "192.0.0.0/4", "208.0.0.0/5", "216.0.0.0/6",
				"220.0.0.0/7", "222.0.0.0/8", "223.0.0.0/9", "223.128.0.0/10", "223.192.0.0/11", "223.224.0.0/12",
				"223.240.0.0/13", "223.248.0.0/14", "223.252.0.0/15", "223.254.0.0/16", "223.255.0.0/17", "223.255.128.0/18",
				"223.255.192.0/19", "223.255.224.0/20", "223.255.240.0/21", "223.255.248.0/22", "223.255.252.0/23",
				"223.255.254.0/24", "223.255.255.0/25", "223.255.255.128/26", "223.255.255.192/27", "223.255.255.224/28",
				"223.255.255.240/29", "223.255.255.248/30", "223.255.255.252/31", "223.255.255.254/32"}, limit: 31,
			want: nil, extra: "0", inputAddrs: "3758096383", mergedCount: 31, widest: 1,
		},
		{
			name: "far apart ipv4", in: []string{"1.0.0.0/8", "100.0.0.0/8"}, limit: 1,
			want: []string{"0.0.0.0/1"}, extra: "2113929216", inputAddrs: "33554432", mergedCount: 2, widest: 1,
		},
		{
			name: "ipv6 over 64 bits", in: []string{"4000::/4", "5fff::/16"}, limit: 1,
			want: []string{"4000::/3"}, extra: "21262455635700119138832382468156293120", // 2^124 - 2^112
			inputAddrs: "21272840229417188794089443460814733312", mergedCount: 2, widest: 3,
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
			rep, err := Compact(t.Context(), in, tt.limit, trusted)
			if err != nil {
				t.Fatal(err)
			}
			checkCover(t, in, trusted, tt.limit, rep)
			if tt.want == nil {
				tt.want = Strings(Merge(in)) // lossless
			}
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
			whole: &WholeFamilyError{Family: "IPv4", Limit: 1, Entries: "prefix"},
			says: []string{"at most 1 prefix would", "every unicast IPv4 address (0.0.0.0–223.255.255.255, as 0.0.0.0/0 does)",
				"larger limit", "trusted"},
		},
		{
			// Trusting everything makes no address untrusted, but the result is still everything.
			name: "far apart all trusted", in: mustParse(t, "1.0.0.0/8", "255.0.0.0/8"), trusted: mustParse(t, "0.0.0.0/0"), limit: 1,
			whole: &WholeFamilyError{Family: "IPv4", Limit: 1, Entries: "prefix"},
		},
		{
			// The review's case: 0.0.0.0/1, 128.0.0.0/2 and 192.0.0.0/3 leave out only multicast and reserved space.
			name: "1,000 hosts spread evenly to 3", in: spreadHosts(1000), limit: 3,
			whole: &WholeFamilyError{Family: "IPv4", Limit: 3, Entries: "prefixes"}, says: []string{"at most 3 prefixes would", "every unicast IPv4 address"},
		},
		{
			name: "1,000 hosts spread evenly to 3, trusted", in: spreadHosts(1000), trusted: mustParse(t, "20.0.0.0/12"), limit: 3,
			whole: &WholeFamilyError{Family: "IPv4", Limit: 3, Entries: "prefixes"},
		},
		{
			name: "unicast halves", in: mustParse(t, "0.0.0.0/1", "128.0.0.0/1"), limit: 5,
			whole: &WholeFamilyError{Family: "IPv4", Limit: 5, Entries: "prefixes", InputCoversAll: true},
			says:  []string{"the list covers every unicast IPv4 address (0.0.0.0–223.255.255.255, as 0.0.0.0/0 does)", "whole internet"},
		},
		{
			name: "unicast space as input", in: mustParse(t, "0.0.0.0/1", "128.0.0.0/2", "192.0.0.0/3"), limit: 5,
			whole: &WholeFamilyError{Family: "IPv4", Limit: 5, Entries: "prefixes", InputCoversAll: true},
		},
		{
			name: "input holds everything", in: mustParse(t, "10.0.0.0/8", "0.0.0.0/0", "1.2.3.4"), limit: 1,
			whole: &WholeFamilyError{Family: "IPv4", Limit: 1, Entries: "prefix", InputCoversAll: true},
		},
		{
			name: "ipv6 everything", in: mustParse(t, "::/0"), limit: 200,
			whole: &WholeFamilyError{Family: "IPv6", Limit: 200, Entries: "prefixes", InputCoversAll: true}, says: []string{"2000::/3", "::/0"},
		},
		{
			name: "ipv6 global unicast", in: mustParse(t, "2000::/3"), limit: 200,
			whole: &WholeFamilyError{Family: "IPv6", Limit: 200, Entries: "prefixes", InputCoversAll: true},
		},
		{
			// The review's case: the three addresses compact to 2000::/3.
			name: "ipv6 three hosts to 1", in: mustParse(t, "2001:db8::1", "2a01:111::1", "3fff:ffff::1"), limit: 1,
			whole: &WholeFamilyError{Family: "IPv6", Limit: 1, Entries: "prefix"},
			says:  []string{"at most 1 prefix would cover every global unicast IPv6 address (2000::/3, as ::/0 does)"},
		},
		{
			name: "ipv6 far apart", in: mustParse(t, "::/16", "ffff::/16"), limit: 1,
			whole: &WholeFamilyError{Family: "IPv6", Limit: 1, Entries: "prefix"},
		},
		{
			name: "ipv6 far apart limit 2", in: mustParse(t, "2000::/16", "2fff::/16", "3000::/16", "3fff::/16"), limit: 2,
			whole: &WholeFamilyError{Family: "IPv6", Limit: 2, Entries: "prefixes"}, says: []string{"at most 2 prefixes would"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Compact(t.Context(), tt.in, tt.limit, tt.trusted)
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

// spreadHosts returns n IPv4 addresses spread evenly over all of IPv4.
func spreadHosts(n int) []netip.Prefix {
	out := make([]netip.Prefix, n)
	step := uint32(1<<32/uint64(n)) + 1
	for i := range out {
		v := uint32(i) * step
		out[i] = netip.PrefixFrom(netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)}), 32)
	}
	return out
}
