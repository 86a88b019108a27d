package target

import (
	"errors"
	"math/rand/v2"
	"net/netip"
	"slices"
	"strings"
	"testing"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/cidrset"
)

func mustParse(t *testing.T, elems ...string) []netip.Prefix {
	t.Helper()
	ps, err := cidrset.Parse(elems)
	if err != nil {
		t.Fatal(err)
	}
	return ps
}

func mustLookup(t *testing.T, name string) Target {
	t.Helper()
	tg, err := Lookup(name)
	if err != nil {
		t.Fatal(err)
	}
	return tg
}

func TestTargetsTable(t *testing.T) {
	want := []string{"aks", "aks_vnet_integration", "container_registry", "storage_account", "key_vault", "event_hubs", "sql_server", "ip_group"}
	if got := Names(); !slices.Equal(got, want) {
		t.Fatalf("targets %v, want %v", got, want)
	}
	limits := map[string]int{"aks": 200, "aks_vnet_integration": 2000, "container_registry": 100, "storage_account": 400,
		"key_vault": 1000, "event_hubs": 128, "sql_server": 128, "ip_group": 5000}
	for _, tg := range All() {
		if tg.Limit != limits[tg.Name] || tg.Consumer == "" || !strings.HasPrefix(tg.Consumer, "azurerm_") {
			t.Errorf("%s: limit %d, consumer %q", tg.Name, tg.Limit, tg.Consumer)
		}
		if tg.Sentinel != "" && (!tg.sentinelPrefix().IsValid() || tg.SentinelMeaning == "") {
			t.Errorf("%s: sentinel %q does not parse or has no meaning", tg.Name, tg.Sentinel)
		}
	}
}

func TestLookupUnknown(t *testing.T) {
	tests := []struct{ name, says string }{
		{"aks2", `unknown target "aks2"; did you mean "aks"`},
		{"storage", `did you mean "storage_account"`},
		{"sql", `"sql_server"`},
		{"AKS", `unknown target "AKS"`},
		{"", `unknown target ""`},
	}
	for _, tt := range tests {
		_, err := Lookup(tt.name)
		var unknown *UnknownError
		if !errors.As(err, &unknown) || !strings.Contains(err.Error(), tt.says) ||
			!strings.Contains(err.Error(), `The targets are "aks", "aks_vnet_integration", "container_registry", "storage_account", "key_vault", "event_hubs", "sql_server", "ip_group"`) {
			t.Errorf("Lookup(%q) = %v; want it to say %q and list the targets", tt.name, err, tt.says)
		}
	}
}

func TestFitSyntax(t *testing.T) {
	tests := []struct {
		target string
		in     []string
		limit  int
		want   []string
	}{
		// Storage: a single address is bare; a /31 becomes two addresses or widens to its /30.
		{"storage_account", []string{"74.224.208.66/31", "20.1.2.3", "20.1.0.0/30"}, 0, []string{"20.1.0.0/30", "20.1.2.3", "74.224.208.66", "74.224.208.67"}},
		{"storage_account", []string{"74.224.208.66/31", "20.1.2.3", "20.1.0.0/30"}, 3, []string{"20.1.0.0/30", "20.1.2.3", "74.224.208.64/30"}},
		{"storage_account", []string{"74.224.208.66/31", "74.224.208.68/31"}, 1, []string{"74.224.208.64/29"}},
		{"storage_account", []string{"20.1.2.0/32", "20.1.2.1/32"}, 0, []string{"20.1.2.0", "20.1.2.1"}},
		// CIDR targets keep /31 and /32.
		{"container_registry", []string{"74.224.208.66/31", "20.1.2.3"}, 0, []string{"20.1.2.3/32", "74.224.208.66/31"}},
		{"aks", []string{"20.1.2.3", "20.1.2.4"}, 1, []string{"20.1.2.0/29"}},
		// Ranges: touching prefixes are one range, one address is first-last, a gap of any size closes.
		{"sql_server", []string{"20.38.64.0/19", "20.38.96.0/24", "20.40.0.1", "20.38.97.5"}, 0,
			[]string{"20.38.64.0-20.38.96.255", "20.38.97.5-20.38.97.5", "20.40.0.1-20.40.0.1"}},
		{"sql_server", []string{"20.38.64.0/19", "20.38.96.0/24", "20.40.0.1", "20.38.97.5"}, 2,
			[]string{"20.38.64.0-20.38.97.5", "20.40.0.1-20.40.0.1"}},
	}
	for _, tt := range tests {
		tg := mustLookup(t, tt.target)
		got, err := tg.Fit(t.Context(), mustParse(t, tt.in...), tt.limit, nil)
		if err != nil {
			t.Fatalf("%s %v limit %d: %v", tt.target, tt.in, tt.limit, err)
		}
		if !slices.Equal(got.Entries, tt.want) {
			t.Errorf("%s %v limit %d = %v, want %v", tt.target, tt.in, tt.limit, got.Entries, tt.want)
		}
		if want := cmpLimit(tt.limit, tg.Limit); got.Limit != want || got.Report.OutputCount != len(got.Entries) {
			t.Errorf("%s: limit %d, output %d for %d entries", tt.target, got.Limit, got.Report.OutputCount, len(got.Entries))
		}
	}
}

func cmpLimit(limit, def int) int {
	if limit == 0 {
		return def
	}
	return limit
}

func TestFitRefusals(t *testing.T) {
	tests := []struct {
		target  string
		in      []string
		limit   int
		element int // the refused element's index, or -1 for a refused result
		says    []string
	}{
		{"key_vault", []string{"20.1.2.0/24", "2603:1020::/47"}, 0, 1, []string{"2603:1020::/47 is IPv6", "key_vault target (azurerm_key_vault network_acls.ip_rules) takes IPv4 only", "ipv4_cidrs"}},
		{"aks", []string{"2603:1020::/47"}, 0, 0, []string{"IPv6", "ipv4_cidrs"}},
		{"storage_account", []string{"20.1.2.0/24", "10.1.0.0/16"}, 0, 1, []string{"storage_account target", "takes public addresses only", "10.1.0.0/16 lies in 10.0.0.0/8, private-use address space (RFC 1918)"}},
		{"key_vault", []string{"192.168.1.1"}, 0, 0, []string{"public addresses only", "192.168.1.1/32 lies in 192.168.0.0/16"}},
		{"aks", []string{"20.1.2.0/24", "0.0.0.0/32"}, 0, 1, []string{"0.0.0.0 is the address of the aks target's sentinel 0.0.0.0/32", "only the cluster's own egress IP"}},
		{"aks_vnet_integration", []string{"0.0.0.0"}, 0, 0, []string{"sentinel 0.0.0.0/32"}},
		{"sql_server", []string{"0.0.0.0", "20.1.2.3"}, 0, 0, []string{"sentinel 0.0.0.0-0.0.0.0", "allow every Azure service of every tenant"}},
		// The optimum widens into private space, which the storage account refuses.
		{"storage_account", []string{"9.255.255.0/24", "11.0.0.0/24"}, 1, -1, []string{"would write 8.0.0.0/6", "takes public addresses only", "contains 10.0.0.0/8"}},
	}
	for _, tt := range tests {
		_, err := mustLookup(t, tt.target).Fit(t.Context(), mustParse(t, tt.in...), tt.limit, nil)
		var elem *ElementError
		var result *ResultError
		switch {
		case tt.element >= 0 && (!errors.As(err, &elem) || elem.Index != tt.element):
			t.Errorf("%s %v: %v, want an error on element %d", tt.target, tt.in, err, tt.element)
		case tt.element < 0 && !errors.As(err, &result):
			t.Errorf("%s %v: %v, want a result error", tt.target, tt.in, err)
		}
		for _, s := range tt.says {
			if err == nil || !strings.Contains(err.Error(), s) {
				t.Errorf("%s %v: error %v does not say %q", tt.target, tt.in, err, s)
			}
		}
	}
	// Near-open results are refused for every target, in its own entries' words.
	for _, tg := range All() {
		name, in := tg.Name, mustParse(t, "1.0.0.1", "126.0.0.1", "130.0.0.1", "200.0.0.1", "223.255.255.1")
		if tg.Shape == Range { // a range stops at the ends of the input
			in = mustParse(t, "0.0.0.0/31", "100.0.0.1", "223.255.255.254/31")
		}
		_, err := tg.Fit(t.Context(), in, 1, nil)
		var whole *cidrset.WholeFamilyError
		if !errors.As(err, &whole) || !strings.Contains(err.Error(), "every unicast IPv4 address") {
			t.Errorf("%s: %v, want the whole-family refusal", name, err)
		}
	}
}

// TestFitAKSIsCompact: fit to aks is compact to 200, on random lists with random trusted lists.
func TestFitAKSIsCompact(t *testing.T) {
	r := rand.New(rand.NewPCG(17, 200))
	aks := mustLookup(t, "aks")
	for range 50 {
		in := make([]netip.Prefix, 150+r.IntN(300))
		trusted := make([]netip.Prefix, r.IntN(50))
		for i := range in {
			in[i] = netip.PrefixFrom(netip.AddrFrom4([4]byte{20, byte(r.IntN(8)), byte(r.IntN(256)), byte(r.IntN(256))}), 20+r.IntN(13)).Masked()
		}
		for i := range trusted {
			trusted[i] = netip.PrefixFrom(netip.AddrFrom4([4]byte{20, byte(r.IntN(8)), byte(r.IntN(256)), 0}), 16+r.IntN(9)).Masked()
		}
		fitted, err := aks.Fit(t.Context(), in, 0, trusted)
		if err != nil {
			t.Fatal(err)
		}
		compacted, err := cidrset.Compact(t.Context(), in, 200, trusted)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(fitted.Entries, cidrset.Strings(compacted.Prefixes)) || fitted.Report.UntrustedExtraAddresses.Cmp(compacted.UntrustedExtraAddresses) != 0 {
			t.Fatalf("fit to aks %v differs from compact to 200 %v", fitted.Entries, compacted.Prefixes)
		}
	}
}
