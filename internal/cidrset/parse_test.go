package cidrset

import (
	"errors"
	"net/netip"
	"strings"
	"testing"
)

func TestParseValid(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{"10.0.0.0/8", "10.0.0.0/8"},
		{"10.1.2.3/8", "10.0.0.0/8"}, // host bits masked
		{"1.2.3.4", "1.2.3.4/32"},
		{"0.0.0.0/0", "0.0.0.0/0"},
		{"  192.168.1.0/24\n", "192.168.1.0/24"}, // whitespace trimmed
		{"2001:db8::/32", "2001:db8::/32"},
		{"2001:DB8::1/32", "2001:db8::/32"},
		{"::1", "::1/128"},
		{"::/0", "::/0"},
		{"::ffff:1.2.3.4", "1.2.3.4/32"},
		{"::ffff:10.1.0.0/104", "10.0.0.0/8"},
		{"::ffff:0:0/96", "0.0.0.0/0"},
		{"::ffff:0:0/95", "::fffe:0:0/95"}, // reaches outside the mapped range: stays IPv6
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := Parse([]string{tt.in})
			if err != nil {
				t.Fatalf("Parse(%q) error: %v", tt.in, err)
			}
			if len(got) != 1 || got[0].String() != tt.want {
				t.Fatalf("Parse(%q) = %v, want %s", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseKeepsOrderAndDuplicates(t *testing.T) {
	got, err := Parse([]string{"10.0.0.1", "1.0.0.0/8", "10.0.0.1", "::"})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"10.0.0.1/32", "1.0.0.0/8", "10.0.0.1/32", "::/128"}
	if strings.Join(Strings(got), ",") != strings.Join(want, ",") {
		t.Fatalf("got %v, want %v", got, want)
	}
}

func TestParseInvalid(t *testing.T) {
	tests := []struct {
		name      string
		in        []string
		index     int
		reasonHas string
	}{
		{"octet out of range", []string{"10.0.0.0/8", "1.1.1.1", "10.0.0.300/24"}, 2, "not an IP address or CIDR prefix: IPv4 field has value >255"},
		{"empty", []string{""}, 0, "empty string"},
		{"blank", []string{"1.1.1.1", "   "}, 1, "empty string"},
		{"word", []string{"abc"}, 0, "not an IP address or CIDR prefix"},
		{"ipv4 length too long", []string{"1.2.3.4/33"}, 0, "not an IP address or CIDR prefix: prefix length out of range"},
		{"ipv6 length too long", []string{"::/129"}, 0, "not an IP address or CIDR prefix"},
		{"negative length", []string{"1.2.3.4/-1"}, 0, "not an IP address or CIDR prefix"},
		{"missing length", []string{"1.2.3.4/"}, 0, "not an IP address or CIDR prefix"},
		{"zone", []string{"fe80::1%eth0"}, 0, "zones"},
		{"zone in prefix", []string{"fe80::%eth0/64"}, 0, "zones"},
		{"range syntax", []string{"10.0.0.1-10.0.0.9"}, 0, "not an IP address or CIDR prefix"},
		{"first bad wins", []string{"x", "y"}, 0, "not an IP address"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse(tt.in)
			if err == nil {
				t.Fatalf("Parse(%q) = %v, want error", tt.in, got)
			}
			var pe *parseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %T is not *parseError", err)
			}
			if pe.Index != tt.index || pe.Value != tt.in[tt.index] {
				t.Fatalf("error at %d %q, want %d %q", pe.Index, pe.Value, tt.index, tt.in[tt.index])
			}
			if !strings.Contains(pe.Reason, tt.reasonHas) || strings.Contains(pe.Reason, "netip.") || strings.Contains(pe.Reason, "ParseAddr") {
				t.Fatalf("reason %q does not contain %q", pe.Reason, tt.reasonHas)
			}
		})
	}
}

func TestParseErrorMessage(t *testing.T) {
	_, err := Parse([]string{"10.0.0.0/8", "1.1.1.1", "10.0.0.300/24"})
	want := `element 2 ("10.0.0.300/24"): not an IP address or CIDR prefix: `
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Fatalf("error %q, want prefix %q", err, want)
	}
}

func TestParseEmptyList(t *testing.T) {
	got, err := Parse(nil)
	if err != nil || len(got) != 0 {
		t.Fatalf("Parse(nil) = %v, %v", got, err)
	}
}

// mustParse parses or fails the test.
func mustParse(t testing.TB, elems ...string) []netip.Prefix {
	t.Helper()
	p, err := Parse(elems)
	if err != nil {
		t.Fatal(err)
	}
	return p
}
