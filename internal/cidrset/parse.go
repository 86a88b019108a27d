package cidrset

import (
	"fmt"
	"net/netip"
	"strings"
)

// parseError describes one element of Parse's input that is not an IP address or prefix.
type parseError struct {
	// Index is the element's position in the input list, from 0.
	Index int
	// Value is the element exactly as given.
	Value string
	// Reason says why it was rejected.
	Reason string
}

// Error formats the error as `element 2 ("10.0.0.300/24"): reason`.
func (e *parseError) Error() string {
	return fmt.Sprintf("element %d (%q): %s", e.Index, e.Value, e.Reason)
}

// Parse turns each element into a canonical prefix, in input order.
//
// Accepted forms:
//   - CIDR prefixes ("10.0.0.0/8", "2001:db8::/32"); host bits are cleared, so
//     "10.1.2.3/8" becomes 10.0.0.0/8;
//   - bare addresses, as a single-address prefix ("1.2.3.4" is 1.2.3.4/32, "::1" is ::1/128);
//   - surrounding whitespace is trimmed, because lists built with split() or read from
//     files often carry it and it cannot change the meaning;
//   - IPv4-mapped IPv6 ("::ffff:1.2.3.4", "::ffff:10.0.0.0/104") with a prefix length of
//     at least 96 is converted to the IPv4 prefix it denotes (1.2.3.4/32, 10.0.0.0/8) and
//     counts as IPv4 everywhere, since it names only IPv4 addresses. Shorter ones reach
//     outside ::ffff:0:0/96 and stay IPv6.
//
// Rejected: empty strings, anything that is not an address or prefix, prefix lengths out
// of range, and IPv6 zones ("fe80::1%eth0"), which name an interface, not a network.
// The error for the first bad element is a *parseError.
func Parse(elems []string) ([]netip.Prefix, error) {
	out := make([]netip.Prefix, 0, len(elems))
	for i, raw := range elems {
		p, reason := parseOne(raw)
		if reason != "" {
			return nil, &parseError{Index: i, Value: raw, Reason: reason}
		}
		out = append(out, p)
	}
	return out, nil
}

// parseOne parses one element; a non-empty reason reports failure.
func parseOne(raw string) (netip.Prefix, string) {
	s := strings.TrimSpace(raw)
	if s == "" {
		return netip.Prefix{}, "empty string is not an IP address or CIDR prefix"
	}
	if strings.Contains(s, "%") {
		return netip.Prefix{}, "IPv6 zones (the %interface suffix) are not allowed in address lists"
	}
	var p netip.Prefix
	if strings.Contains(s, "/") {
		var err error
		if p, err = netip.ParsePrefix(s); err != nil {
			return netip.Prefix{}, "not an IP address or CIDR prefix: " + reason(err)
		}
	} else {
		a, err := netip.ParseAddr(s)
		if err != nil {
			return netip.Prefix{}, "not an IP address or CIDR prefix: " + reason(err)
		}
		p = netip.PrefixFrom(a, a.BitLen())
	}
	return normalize(p), ""
}

// reason keeps what net/netip found wrong and drops the calls it names, which repeat the
// value: `netip.ParsePrefix("10.0.0.300/24"): ParseAddr("10.0.0.300"): IPv4 field has value >255`.
func reason(err error) string {
	msg := err.Error()
	if i := strings.LastIndex(msg, "): "); i >= 0 {
		return msg[i+3:]
	}
	return msg
}

// normalize clears host bits and unmaps IPv4-mapped IPv6 prefixes of length >= 96.
// p must be valid.
func normalize(p netip.Prefix) netip.Prefix {
	a := p.Addr()
	if a.Is4In6() && p.Bits() >= 96 {
		return netip.PrefixFrom(a.Unmap(), p.Bits()-96).Masked()
	}
	return p.Masked()
}
