package servicetags

import (
	"fmt"
	"net/netip"
	"strings"
)

// parsePrefix parses a published address prefix, rejecting anything that is not a
// canonical CIDR prefix (host bits set). The error does not name the tag.
func parsePrefix(s string) (netip.Prefix, error) {
	if p, ok := fastPrefix(s); ok {
		return p, nil
	}
	return slowPrefix(s)
}

// slowPrefix is parsePrefix without the fast path: netip.ParsePrefix and a host-bits check.
func slowPrefix(s string) (netip.Prefix, error) {
	p, err := netip.ParsePrefix(s)
	if err != nil {
		why := strings.TrimPrefix(err.Error(), fmt.Sprintf("netip.ParsePrefix(%q): ", s))
		return netip.Prefix{}, fmt.Errorf("address prefix %q is not a valid CIDR prefix: %s", s, why)
	}
	if m := p.Masked(); m != p {
		return netip.Prefix{}, fmt.Errorf("address prefix %q has host bits set (the network is %s); Microsoft publishes canonical prefixes, so the file is suspect", s, m)
	}
	return p, nil
}

// fastPrefix parses the forms Microsoft publishes ("a.b.c.d/n" and hex IPv6 with an
// optional "::", no embedded IPv4, no zone) in one pass, because netip.ParsePrefix plus
// a host-bits check dominated Parse. It only accepts input that netip.ParsePrefix accepts
// with the same result and without host bits; everything else (including every error)
// returns ok false and takes the netip path. FuzzFastPrefix checks this equivalence.
// It takes bytes too, so the decoder can parse prefixes straight from the input.
func fastPrefix[T string | []byte](s T) (p netip.Prefix, ok bool) {
	if p, ok = fastIPv4Prefix(s); ok {
		return p, true
	}
	return fastIPv6Prefix(s)
}

func fastIPv4Prefix[T string | []byte](s T) (netip.Prefix, bool) {
	var ip uint32
	i := 0
	for field := 0; field < 4; field++ {
		start, v := i, uint32(0)
		for i < len(s) && i-start < 3 && '0' <= s[i] && s[i] <= '9' {
			v = v*10 + uint32(s[i]-'0')
			i++
		}
		n := i - start
		// netip rejects empty fields, values over 255 and leading zeros.
		if n == 0 || v > 255 || (n > 1 && s[start] == '0') {
			return netip.Prefix{}, false
		}
		ip = ip<<8 | v
		sep := byte('.')
		if field == 3 {
			sep = '/'
		}
		if i >= len(s) || s[i] != sep {
			return netip.Prefix{}, false
		}
		i++
	}
	bits, ok := prefixBits(s[i:], 32)
	if !ok || (bits < 32 && ip<<bits != 0) {
		return netip.Prefix{}, false
	}
	return netip.PrefixFrom(netip.AddrFrom4([4]byte{byte(ip >> 24), byte(ip >> 16), byte(ip >> 8), byte(ip)}), bits), true
}

func fastIPv6Prefix[T string | []byte](s T) (netip.Prefix, bool) {
	slash := len(s) - 1
	for slash >= 0 && s[slash] != '/' {
		slash--
	}
	if slash < 0 {
		return netip.Prefix{}, false
	}
	addr := s[:slash]
	var groups [8]uint16
	n, ellipsis, i := 0, -1, 0
	if len(addr) >= 2 && addr[0] == ':' && addr[1] == ':' {
		ellipsis, i = 0, 2
	}
	for i < len(addr) {
		start, v := i, uint16(0)
		for i < len(addr) && i-start < 4 {
			d, ok := hexDigit(addr[i])
			if !ok {
				break
			}
			v = v<<4 | d
			i++
		}
		if i == start || n == 8 {
			return netip.Prefix{}, false
		}
		groups[n] = v
		n++
		if i == len(addr) {
			break
		}
		if addr[i] != ':' || i+1 == len(addr) { // '.', '%', a fifth digit, or a trailing ':'
			return netip.Prefix{}, false
		}
		i++
		if addr[i] == ':' {
			if ellipsis >= 0 {
				return netip.Prefix{}, false
			}
			ellipsis = n
			i++
		}
	}
	// Without "::" all eight groups are needed; with it, it must stand for at least one.
	if (ellipsis < 0 && n != 8) || (ellipsis >= 0 && n > 7) {
		return netip.Prefix{}, false
	}
	var ip [16]byte
	shift := 0
	for g := 0; g < n; g++ {
		if g == ellipsis {
			shift = 8 - n
		}
		ip[2*(g+shift)], ip[2*(g+shift)+1] = byte(groups[g]>>8), byte(groups[g])
	}
	bits, ok := prefixBits(s[slash+1:], 128)
	if !ok || hostBits6(ip, bits) {
		return netip.Prefix{}, false
	}
	return netip.PrefixFrom(netip.AddrFrom16(ip), bits), true
}

// prefixBits parses the length after the slash as netip does: decimal, no sign, no
// leading zero, at most maxBits.
func prefixBits[T string | []byte](s T, maxBits int) (int, bool) {
	if len(s) == 0 || len(s) > 3 || (len(s) > 1 && s[0] == '0') {
		return 0, false
	}
	bits := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		bits = bits*10 + int(s[i]-'0')
	}
	return bits, bits <= maxBits
}

// hostBits6 reports whether ip has any bit set beyond the first bits.
func hostBits6(ip [16]byte, bits int) bool {
	for k := bits / 8; k < 16; k++ {
		b := ip[k]
		if k == bits/8 {
			b &= 0xff >> (bits % 8)
		}
		if b != 0 {
			return true
		}
	}
	return false
}

func hexDigit(c byte) (uint16, bool) {
	switch {
	case '0' <= c && c <= '9':
		return uint16(c - '0'), true
	case 'a' <= c && c <= 'f':
		return uint16(c - 'a' + 10), true
	case 'A' <= c && c <= 'F':
		return uint16(c - 'A' + 10), true
	}
	return 0, false
}
