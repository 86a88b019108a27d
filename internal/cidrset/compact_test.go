package cidrset

import (
	"errors"
	"math/big"
	"net/netip"
	"slices"
	"testing"
)

func TestCompact(t *testing.T) {
	tests := []struct {
		name        string
		in          []string
		limit       int
		want        []string
		extra       string
		inputAddrs  string
		mergedCount int
		widest      int
	}{
		{
			name: "empty", in: nil, limit: 3,
			want: []string{}, extra: "0", inputAddrs: "0", mergedCount: 0, widest: -1,
		},
		{
			name: "lossless when merged fits", in: []string{"10.0.0.0/25", "10.0.0.128/25", "10.0.5.5"}, limit: 2,
			want: []string{"10.0.0.0/24", "10.0.5.5/32"}, extra: "0", inputAddrs: "257", mergedCount: 2, widest: 24,
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
			name: "far apart ipv4", in: []string{"1.0.0.0/8", "255.0.0.0/8"}, limit: 1,
			want: []string{"0.0.0.0/0"}, extra: "4261412864", inputAddrs: "33554432", mergedCount: 2, widest: 0,
		},
		{
			name: "ipv6 over 64 bits", in: []string{"::/1", "ffff::/16"}, limit: 1,
			want: []string{"::/0"}, extra: "170135991163610696904058773219554885632", // 2^127 - 2^112
			inputAddrs: "170146375757327766559315834212213325824", mergedCount: 2, widest: 0,
		},
		{
			name: "ipv6 whole space", in: []string{"::/0", "2001:db8::/32"}, limit: 1,
			want: []string{"::/0"}, extra: "0", inputAddrs: "340282366920938463463374607431768211456", mergedCount: 1, widest: 0,
		},
		{
			name: "mapped addresses are ipv4", in: []string{"::ffff:10.0.0.1", "10.0.0.2"}, limit: 1,
			want: []string{"10.0.0.0/30"}, extra: "2", inputAddrs: "2", mergedCount: 2, widest: 30,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := mustParse(t, tt.in...)
			rep, err := Compact(in, tt.limit)
			if err != nil {
				t.Fatal(err)
			}
			if got := Strings(rep.Prefixes); !slices.Equal(got, tt.want) {
				t.Errorf("prefixes %v, want %v", got, tt.want)
			}
			if rep.ExtraAddresses.String() != tt.extra {
				t.Errorf("extra %s, want %s", rep.ExtraAddresses, tt.extra)
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
		name  string
		in    []netip.Prefix
		limit int
		is    error
	}{
		{"limit zero", mustParse(t, "10.0.0.0/8"), 0, nil},
		{"limit negative", nil, -1, nil},
		{"mixed families", mustParse(t, "10.0.0.0/8", "2001:db8::/32"), 5, ErrMixedFamilies},
		{"mixed families lossy", mustParse(t, "10.0.0.0/8", "12.0.0.0/8", "2001:db8::/32"), 1, ErrMixedFamilies},
		{"invalid prefix", []netip.Prefix{{}}, 1, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Compact(tt.in, tt.limit)
			if err == nil {
				t.Fatal("want error")
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Fatalf("error %v, want %v", err, tt.is)
			}
		})
	}
}

func TestU128(t *testing.T) {
	max64 := ^uint64(0)
	tests := []struct {
		a, b      u128
		sum, diff string
		less      bool
	}{
		{u128{0, 5}, u128{0, 3}, "8", "2", false},
		{u128{0, max64}, u128{0, 1}, "18446744073709551616", "18446744073709551614", false},
		{u128{1, 0}, u128{0, 1}, "18446744073709551617", "18446744073709551615", false},
		{u128{0, 1}, u128{0, 1}, "2", "0", false},
		{u128{0, 1}, u128{1, 0}, "18446744073709551617", "", true},
	}
	for _, tt := range tests {
		if got := tt.a.add(tt.b).bigInt().String(); got != tt.sum {
			t.Errorf("%v+%v = %s, want %s", tt.a, tt.b, got, tt.sum)
		}
		if tt.diff != "" {
			if got := tt.a.sub(tt.b).bigInt().String(); got != tt.diff {
				t.Errorf("%v-%v = %s, want %s", tt.a, tt.b, got, tt.diff)
			}
		}
		if tt.a.less(tt.b) != tt.less {
			t.Errorf("%v<%v = %v", tt.a, tt.b, !tt.less)
		}
	}
	want := new(big.Int).Lsh(big.NewInt(1), 127)
	if pow2(127).bigInt().Cmp(want) != 0 || pow2(0).bigInt().Int64() != 1 || pow2(64).bigInt().String() != "18446744073709551616" {
		t.Error("pow2 wrong")
	}
}
