package servicetags

import (
	"fmt"
	"net/netip"
	"strings"
)

// The plausibility gate rejects prefixes that no Microsoft file has ever carried: in 793
// real files (all clouds, 2019–2026) the widest are IPv4 /14 and IPv6 /39, and none is
// special-purpose. Such a prefix means a damaged or forged file, and passed on it could
// open an allow-list to the whole internet (0.0.0.0/0) or to private networks.
//
// The length bounds keep measured headroom below the widest prefixes seen: IPv4 /12 is
// four times a /14, IPv6 /32 is 128 times a /39, so a new, wider Microsoft block still
// passes, while a forged file cannot add the /8s or /10s that would let a compacted
// allow-list admit tens of millions of foreign addresses (twenty forged /10s made the
// AKS example admit 106 M addresses instead of 22 M under the former /8 bound).
var (
	minBits, widestSeen = [2]int{12, 32}, [2]int{14, 39}    // per family: IPv4, IPv6
	globalUnicast6      = netip.MustParsePrefix("2000::/3") // all IPv6 global unicast (RFC 4291)
)

// specialPurpose holds the IANA IPv4 and IPv6 special-purpose address registries (RFC
// 6890 and updates). A block nested in another comes first, to give its own reason.
var specialPurpose = []struct{ what, blocks string }{
	{`"this network" (RFC 791)`, "0.0.0.0/8"},
	{"private-use address space (RFC 1918)", "10.0.0.0/8 172.16.0.0/12 192.168.0.0/16"},
	{"shared address space for carrier-grade NAT (RFC 6598)", "100.64.0.0/10"},
	{"loopback address space (RFC 1122, RFC 4291)", "127.0.0.0/8 ::1/128"},
	{"link-local address space (RFC 3927, RFC 4291)", "169.254.0.0/16 fe80::/10"},
	{"IETF protocol assignments (RFC 6890, RFC 2928)", "192.0.0.0/24 2001::/23"},
	{"documentation address space (RFC 5737, RFC 3849, RFC 9637)", "192.0.2.0/24 198.51.100.0/24 203.0.113.0/24 2001:db8::/32 3fff::/20"},
	{"6to4 address space (RFC 7526, RFC 3056)", "192.88.99.0/24 2002::/16"},
	{"AS112 DNS sink address space (RFC 7535, RFC 7534)", "192.31.196.0/24 192.175.48.0/24 2620:4f:8000::/48"},
	{"automatic multicast tunneling address space (RFC 7450)", "192.52.193.0/24"},
	{"benchmarking address space (RFC 2544)", "198.18.0.0/15"},
	{"multicast address space (RFC 5771, RFC 4291)", "224.0.0.0/4 ff00::/8"},
	{"the limited broadcast address (RFC 919)", "255.255.255.255/32"},
	{"reserved address space (RFC 1112)", "240.0.0.0/4"},
	{"the unspecified address (RFC 4291)", "::/128"},
	{"IPv4-mapped IPv6 address space (RFC 4291)", "::ffff:0:0/96"},
	{"IPv4/IPv6 translation address space (RFC 6052, RFC 8215)", "64:ff9b::/96 64:ff9b:1::/48"},
	{"the discard-only prefix (RFC 6666)", "100::/64"},
	{"segment routing SID space (RFC 9602)", "5f00::/16"},
	{"unique local address space (RFC 4193)", "fc00::/7"},
	{"deprecated site-local address space (RFC 3879)", "fec0::/10"},
}

// specialByFamily holds the special blocks per family (IPv4, IPv6), in table order.
var specialByFamily = func() (t [2][]specialBlock) {
	for _, s := range specialPurpose {
		for _, b := range strings.Fields(s.blocks) {
			p := netip.MustParsePrefix(b)
			fam, _ := family(p.Addr())
			t[fam] = append(t[fam], specialBlock{p, s.what})
		}
	}
	return t
}()

// specialByFirstByte holds per family and first address byte the special blocks reaching
// into that byte, in table order: a prefix of /8 or longer has one first byte, and
// checking every block for a file's 93,000 prefixes took longer than decoding it.
var specialByFirstByte = func() (t [2][256][]specialBlock) {
	for fam, blocks := range specialByFamily {
		for _, s := range blocks {
			first := s.block.Addr().AsSlice()[0]
			for c := int(first); c < int(first)+1<<max(0, 8-s.block.Bits()); c++ {
				t[fam][c] = append(t[fam][c], s)
			}
		}
	}
	return t
}()

type specialBlock struct {
	block netip.Prefix
	what  string
}

// family returns 0 for IPv4 and 1 for IPv6, and the address's first byte.
func family(a netip.Addr) (int, byte) {
	if a.Is4() {
		return 0, a.As4()[0]
	}
	return 1, a.As16()[0]
}

// Implausible returns why a canonical prefix cannot come from Microsoft, or "" if it can:
// it is shorter than the gate's bound for its family, or SpecialPurpose refuses it. The
// file's parser applies it to every prefix, and the compaction functions to `trusted`.
func Implausible(p netip.Prefix) string {
	fam, _ := family(p.Addr())
	if p.Bits() < minBits[fam] {
		return fmt.Sprintf("%s is shorter than /%d (the widest prefix of its family in Microsoft's files is /%d)",
			p, minBits[fam], widestSeen[fam])
	}
	return SpecialPurpose(p)
}

// SpecialPurpose returns why a canonical prefix is not global unicast address space, or ""
// if it is: it overlaps a block of the IANA special-purpose registries (private, loopback,
// documentation, …), or it is IPv6 outside 2000::/3. Public-only consumers refuse such
// prefixes too.
func SpecialPurpose(p netip.Prefix) string {
	fam, first := family(p.Addr())
	blocks := specialByFamily[fam]
	if p.Bits() >= 8 {
		blocks = specialByFirstByte[fam][first]
	}
	for _, s := range blocks {
		switch {
		case !s.block.Overlaps(p):
		case s.block == p:
			return fmt.Sprintf("%s is %s", p, s.what)
		case s.block.Bits() < p.Bits():
			return fmt.Sprintf("%s lies in %s, %s", p, s.block, s.what)
		default:
			return fmt.Sprintf("%s contains %s, %s", p, s.block, s.what)
		}
	}
	if fam == 1 && !globalUnicast6.Contains(p.Addr()) {
		return fmt.Sprintf("%s is outside %s, the global unicast address space (RFC 4291)", p, globalUnicast6)
	}
	return ""
}
