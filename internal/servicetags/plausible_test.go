package servicetags

import (
	"net/netip"
	"strings"
	"testing"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/testutil"
)

func TestImplausible(t *testing.T) {
	tests := []struct {
		prefix string
		want   string // the reason; "" for a plausible prefix
	}{
		// Too wide, whatever else is wrong with them.
		{"0.0.0.0/0", "0.0.0.0/0 is shorter than /12 (the widest prefix of its family in Microsoft's files is /14)"},
		{"2.0.0.0/7", "2.0.0.0/7 is shorter than /12"},
		{"8.0.0.0/5", "8.0.0.0/5 is shorter than /12"}, // also contains 10.0.0.0/8
		{"20.0.0.0/8", "20.0.0.0/8 is shorter than /12"},
		{"20.64.0.0/10", "20.64.0.0/10 is shorter than /12"}, // the forged files' width
		{"20.0.0.0/11", "20.0.0.0/11 is shorter than /12"},
		{"::/0", "::/0 is shorter than /32 (the widest prefix of its family in Microsoft's files is /39)"},
		{"fc00::/7", "fc00::/7 is shorter than /32"},
		{"2600::/15", "2600::/15 is shorter than /32"},
		{"2a01::/16", "2a01::/16 is shorter than /32"},
		{"2603:1000::/31", "2603:1000::/31 is shorter than /32"},
		// IPv4 special-purpose blocks, inside and around.
		{"0.0.0.0/12", `0.0.0.0/12 lies in 0.0.0.0/8, "this network" (RFC 791)`},
		{"10.0.0.0/12", "10.0.0.0/12 lies in 10.0.0.0/8, private-use address space (RFC 1918)"},
		{"10.1.2.0/24", "10.1.2.0/24 lies in 10.0.0.0/8, private-use address space (RFC 1918)"},
		{"172.16.0.0/12", "172.16.0.0/12 is private-use address space (RFC 1918)"},
		{"192.168.0.0/16", "192.168.0.0/16 is private-use"},
		{"100.64.0.0/16", "100.64.0.0/16 lies in 100.64.0.0/10, shared address space for carrier-grade NAT (RFC 6598)"},
		{"100.64.0.0/12", "100.64.0.0/12 lies in 100.64.0.0/10"},
		{"127.0.0.0/12", "127.0.0.0/12 lies in 127.0.0.0/8, loopback address space"},
		{"127.0.0.1/32", "127.0.0.1/32 lies in 127.0.0.0/8, loopback"},
		{"169.254.0.0/16", "169.254.0.0/16 is link-local address space"},
		{"192.0.0.0/24", "IETF protocol assignments"},
		{"192.0.2.0/24", "documentation address space"},
		{"198.51.100.0/24", "documentation address space"},
		{"203.0.113.128/25", "lies in 203.0.113.0/24, documentation address space"},
		{"192.88.99.0/24", "6to4 address space"},
		{"192.31.196.0/24", "192.31.196.0/24 is AS112 DNS sink address space"},
		{"192.175.48.0/24", "AS112 DNS sink address space"},
		{"2620:4f:8000::/48", "2620:4f:8000::/48 is AS112 DNS sink address space"},
		{"192.52.193.0/24", "automatic multicast tunneling"},
		{"198.18.0.0/15", "benchmarking address space"},
		{"198.16.0.0/12", "198.16.0.0/12 contains 198.18.0.0/15, benchmarking"},
		{"224.0.0.0/12", "224.0.0.0/12 lies in 224.0.0.0/4, multicast address space"},
		{"239.255.0.0/16", "lies in 224.0.0.0/4, multicast"},
		{"240.0.0.0/12", "240.0.0.0/12 lies in 240.0.0.0/4, reserved address space (RFC 1112)"},
		{"255.255.255.255/32", "255.255.255.255/32 is the limited broadcast address (RFC 919)"},
		{"255.240.0.0/12", "255.240.0.0/12 contains 255.255.255.255/32, the limited broadcast address"},
		// IPv6: special-purpose blocks, IPv4-mapped and -compatible forms, non-global space.
		{"::/128", "::/128 is the unspecified address"},
		{"::1/128", "::1/128 is loopback address space"},
		{"::ffff:0.0.0.0/96", "::ffff:0.0.0.0/96 is IPv4-mapped IPv6 address space (RFC 4291)"},
		{"::/32", "::/32 contains ::1/128, loopback"},
		{"::ffff:10.0.0.0/104", "lies in ::ffff:0.0.0.0/96, IPv4-mapped"},
		{"::ffff:20.1.2.3/128", "lies in ::ffff:0.0.0.0/96, IPv4-mapped"},
		{"::1400:0/104", "::1400:0/104 is outside 2000::/3, the global unicast address space"}, // IPv4-compatible ::20.0.0.0
		{"100::/32", "100::/32 contains 100::/64, the discard-only prefix"},
		{"64:ff9b::/96", "IPv4/IPv6 translation"},
		{"64:ff9b:1::/48", "IPv4/IPv6 translation"},
		{"100::/64", "discard-only"},
		{"2001:100::/32", "2001:100::/32 lies in 2001::/23, IETF protocol assignments"},
		{"2001::/32", "2001::/32 lies in 2001::/23"}, // Teredo
		{"2001::/32", "2001::/32 lies in 2001::/23"},
		{"2001:db8::/32", "2001:db8::/32 is documentation address space"},
		{"2001:db8:1::/48", "lies in 2001:db8::/32, documentation"},
		{"2002::/32", "lies in 2002::/16, 6to4 address space"},
		{"3fff::/32", "3fff::/32 lies in 3fff::/20, documentation address space"},
		{"5f00::/32", "segment routing"},
		{"fd00::/32", "lies in fc00::/7, unique local address space"},
		{"fe80::/32", "fe80::/32 lies in fe80::/10, link-local address space"},
		{"fec0::/32", "site-local"},
		{"ff02::/32", "lies in ff00::/8, multicast"},
		{"4000::/32", "4000::/32 is outside 2000::/3, the global unicast address space (RFC 4291)"},
		{"e000::/32", "outside 2000::/3"},
		// Plausible: Microsoft's space and global space next to special blocks.
		{"13.69.0.0/17", ""}, {"20.0.0.0/12", ""}, {"4.0.0.0/12", ""}, {"1.0.0.0/12", ""}, {"11.0.0.0/12", ""},
		{"100.128.0.0/12", ""}, {"169.253.0.0/16", ""}, {"172.32.0.0/12", ""}, {"192.0.1.0/24", ""}, {"192.169.0.0/16", ""},
		{"198.20.0.0/14", ""}, {"223.255.255.0/24", ""}, {"255.255.255.254/32", "lies in 240.0.0.0/4, reserved"},
		{"2603:1020:206::/47", ""}, {"2a01:111::/32", ""}, {"2001:4898::/32", ""}, {"2000::/32", ""},
		{"3ffe::/32", ""}, {"3fff:f000::/20", "shorter than /32"}, {"3fff:f000::/32", ""}, {"2a01:111:f100:1000::a83e:3a3a/128", ""},
	}
	for _, tt := range tests {
		got := Implausible(netip.MustParsePrefix(tt.prefix))
		if (tt.want == "") != (got == "") || !strings.Contains(got, tt.want) {
			t.Errorf("implausible(%s) = %q, want %q", tt.prefix, got, tt.want)
		}
		checkAgainstReference(t, netip.MustParsePrefix(tt.prefix))
	}
}

// referenceGate is the gate by brute force: the length rule, then every block of the
// table in order, then the global unicast rule. block is the first overlapping block.
func referenceGate(p netip.Prefix) (implausible bool, block netip.Prefix) {
	if p.Bits() < map[bool]int{true: 12, false: 32}[p.Addr().Is4()] {
		return true, block
	}
	return referenceSpecial(p)
}

// referenceSpecial is SpecialPurpose by brute force: every block of the table in order,
// then the global unicast rule.
func referenceSpecial(p netip.Prefix) (special bool, block netip.Prefix) {
	for _, s := range specialPurpose {
		for _, b := range strings.Fields(s.blocks) {
			if block := netip.MustParsePrefix(b); block.Overlaps(p) {
				return true, block
			}
		}
	}
	return p.Addr().Is6() && !netip.MustParsePrefix("2000::/3").Contains(p.Addr()), block
}

// checkAgainstReference requires implausible to agree with referenceGate, naming its block.
func checkAgainstReference(t *testing.T, p netip.Prefix) {
	t.Helper()
	got := Implausible(p)
	bad, block := referenceGate(p)
	if (got != "") != bad || (block.IsValid() && !strings.Contains(got, " "+block.String()+",") && !strings.HasPrefix(got, block.String()+" is ")) {
		t.Fatalf("implausible(%s) = %q; the brute-force reference says implausible %v, block %v", p, got, bad, block)
	}
}

// TestSpecialPurposeShortPrefixes: without the gate's length bound, a prefix wider than a
// first byte still finds the blocks it contains (the first-byte index alone would miss them).
func TestSpecialPurposeShortPrefixes(t *testing.T) {
	tests := []struct{ prefix, want string }{
		{"0.0.0.0/0", `0.0.0.0/0 contains 0.0.0.0/8, "this network"`},
		{"160.0.0.0/3", "160.0.0.0/3 contains 172.16.0.0/12, private-use"},
		{"128.0.0.0/2", "128.0.0.0/2 contains 172.16.0.0/12, private-use"},
		{"96.0.0.0/3", "96.0.0.0/3 contains 100.64.0.0/10"},
		{"8.0.0.0/6", "8.0.0.0/6 contains 10.0.0.0/8"}, {"64.0.0.0/3", ""},
		{"16.0.0.0/6", ""}, {"2000::/3", "2000::/3 contains 2001::/23"},
		{"2400::/7", ""}, {"2600::/7", "contains 2620:4f:8000::/48, AS112"}, {"::/0", "::/0 contains ::1/128, loopback"},
	}
	for _, tt := range tests {
		p := netip.MustParsePrefix(tt.prefix)
		got := SpecialPurpose(p)
		if (tt.want == "") != (got == "") || !strings.Contains(got, tt.want) {
			t.Errorf("SpecialPurpose(%s) = %q, want %q", tt.prefix, got, tt.want)
		}
		if bad, _ := referenceSpecial(p); bad != (got != "") {
			t.Errorf("SpecialPurpose(%s) = %q; the brute-force reference says special %v", tt.prefix, got, bad)
		}
	}
}

// FuzzImplausible checks the indexed gate against the brute-force reference on any prefix.
func FuzzImplausible(f *testing.F) {
	f.Add([]byte{10, 0, 0, 0}, uint8(8))
	f.Add([]byte{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 0, 0}, uint8(96))
	f.Add([]byte{0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, uint8(33))
	f.Add([]byte{255, 255, 255, 255}, uint8(32))
	f.Fuzz(func(t *testing.T, raw []byte, bits uint8) {
		var addr netip.Addr
		switch {
		case len(raw) == 4:
			addr = netip.AddrFrom4([4]byte(raw))
		case len(raw) == 16:
			addr = netip.AddrFrom16([16]byte(raw))
		default:
			return
		}
		p, err := addr.Prefix(int(bits) % (addr.BitLen() + 1))
		if err != nil {
			t.Fatal(err)
		}
		checkAgainstReference(t, p)
	})
}

// TestSnapshotsArePlausible: every real snapshot passes the gate (Parse applies it), by
// the reference too, and its widest prefixes are the ones the gate's message quotes.
func TestSnapshotsArePlausible(t *testing.T) {
	widest := [2]int{32, 128}
	for _, name := range testutil.SnapshotNames(t) {
		for _, tag := range parseSnapshot(t, name).Tags {
			for _, p := range tag.Prefixes {
				if bad, block := referenceGate(p); bad {
					t.Errorf("%s: %s lists %s, implausible by the reference (block %v)", name, tag.Name, p, block)
				}
				fam, _ := family(p.Addr())
				widest[fam] = min(widest[fam], p.Bits())
			}
		}
	}
	if widest != [2]int{14, 39} {
		t.Errorf("widest prefixes in the snapshots: IPv4 /%d, IPv6 /%d; want /14 and /39", widest[0], widest[1])
	}
}
