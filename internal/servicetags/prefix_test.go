package servicetags

import (
	"net/netip"
	"strings"
	"testing"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/testutil"
)

func TestParsePrefix(t *testing.T) {
	tests := []struct {
		in      string
		want    string // canonical form; "" when an error is expected
		wantErr string
	}{
		{"13.69.0.0/17", "13.69.0.0/17", ""},
		{"0.0.0.0/0", "0.0.0.0/0", ""},
		{"255.255.255.255/32", "255.255.255.255/32", ""},
		{"2603:1020:206::/47", "2603:1020:206::/47", ""},
		{"::/0", "::/0", ""},
		{"2A01:111:F100:1000::A83E:3A3A/128", "2a01:111:f100:1000::a83e:3a3a/128", ""},
		{"1:2:3:4:5:6:7:8/128", "1:2:3:4:5:6:7:8/128", ""},
		{"::ffff:10.0.0.0/104", "::ffff:10.0.0.0/104", ""}, // netip path
		{"10.0.0.300/24", "", `address prefix "10.0.0.300/24" is not a valid CIDR prefix: ParseAddr("10.0.0.300"): IPv4 field has value >255`},
		{"10.0.0.1/24", "", `address prefix "10.0.0.1/24" has host bits set (the network is 10.0.0.0/24)`},
		{"2603:1020::1/47", "", `has host bits set (the network is 2603:1020::/47)`},
		{"10.0.0.0", "", `no '/'`},
		{"10.0.0.0/33", "", "prefix length out of range"},
		{"010.0.0.0/8", "", "leading zero"},
		{"10.0.0.0/08", "", "bad bits after slash"},
		{" 10.0.0.0/8", "", "not a valid CIDR prefix"},
		{"fe80::%eth0/64", "", "not a valid CIDR prefix"},
		{"1:2:3:4:5:6:7::8/128", "", "the :: must expand to at least one field of zeros"},
		{"", "", "not a valid CIDR prefix"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := parsePrefix(tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("parsePrefix(%q) = %v, %v; want error containing %q", tt.in, got, err, tt.wantErr)
				}
				return
			}
			if err != nil || got.String() != tt.want {
				t.Fatalf("parsePrefix(%q) = %v, %v; want %s", tt.in, got, err, tt.want)
			}
		})
	}
}

// FuzzFastPrefix checks that the fast path only ever accepts what netip.ParsePrefix
// accepts, with the same value and no host bits, for strings and bytes alike.
func FuzzFastPrefix(f *testing.F) {
	for _, s := range []string{"13.69.0.0/17", "2603:1020:206::/47", "::/0", "1::/16", "1.2.3.4/32",
		"01.2.3.4/32", "1.2.3.4/032", "1:2:3:4:5:6:7:8/128", "::ffff:1.2.3.4/128", "1:::2/64", "ABCD:ef01::/32"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := fastPrefix(s)
		if gotB, okB := fastPrefix([]byte(s)); gotB != got || okB != ok {
			t.Fatalf("fastPrefix(%q): string gives %v, %v; bytes give %v, %v", s, got, ok, gotB, okB)
		}
		if !ok {
			return
		}
		want, err := netip.ParsePrefix(s)
		if err != nil {
			t.Fatalf("fastPrefix(%q) accepted %v; netip says %v", s, got, err)
		}
		if got != want || want.Masked() != want {
			t.Fatalf("fastPrefix(%q) = %v; netip %v (masked %v)", s, got, want, want.Masked())
		}
	})
}

// TestFastPathCoversRealFiles documents the performance assumption behind fastPrefix:
// every prefix Microsoft published in the snapshots takes the fast path.
func TestFastPathCoversRealFiles(t *testing.T) {
	for _, name := range testutil.SnapshotNames(t) {
		f := parseSnapshot(t, name)
		for _, tag := range f.Tags {
			for _, s := range tag.AddressPrefixes {
				if _, ok := fastPrefix(s); !ok {
					t.Errorf("%s: %s: %q missed the fast path", name, tag.Name, s)
				}
			}
		}
	}
}
