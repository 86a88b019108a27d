package target

import (
	"net/netip"
	"slices"
	"strings"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/cidrset"
)

// Shape is how a consumer writes one entry.
type Shape int

const (
	// CIDR entries are canonical prefixes, a.b.c.d/n.
	CIDR Shape = iota
	// Storage entries are a bare a.b.c.d for one address and a.b.c.d/n with n <= 30
	// otherwise: Azure Storage refuses /31 and /32 in CIDR form.
	Storage
	// Range entries are first-last address ranges, such as 20.38.64.0-20.38.95.255.
	Range
)

// String names the shape as the documentation does.
func (s Shape) String() string {
	return [...]string{"cidr", "storage", "range"}[s]
}

// cover is the cidrset shape that computes entries of this shape.
func (s Shape) cover() cidrset.Shape {
	switch s {
	case Storage:
		return cidrset.PrefixesWithout(31)
	case Range:
		return cidrset.Ranges
	default:
		return cidrset.Prefixes
	}
}

// Target is one consumer of an allow-list and its rules.
type Target struct {
	// Name is the target's name in fit's target argument, such as "aks".
	Name string
	// Consumer is the azurerm resource and argument the entries are for.
	Consumer string
	// Limit is the most entries the consumer accepts.
	Limit int
	// Shape is the syntax of one entry.
	Shape Shape
	// PublicOnly is set when the consumer refuses private and special-purpose addresses.
	PublicOnly bool
	// Sentinel is an entry with a special meaning to the consumer that a list of addresses
	// must never contain, or "" for none; SentinelMeaning says what it means.
	Sentinel, SentinelMeaning string
	// Note is what else a user must know, such as what an empty list does.
	Note string
}

// The targets, in the documentation's order. Every limit and rule comes from the Microsoft
// document named beside it, checked on the date given; a consumer whose limit no Microsoft
// document states is left out rather than guessed (Cosmos DB and the PostgreSQL and MySQL
// flexible servers: none found on 2026-12-05; Service Bus, 128 IP and network rules together,
// and Front Door WAF, 600 ranges per match condition, are stated but not yet targets). All of
// them take IPv4 only.
var targets = []Target{
	{
		// learn.microsoft.com/azure/aks/api-server-authorized-ip-ranges (ms.date 2026-08-03,
		// checked 2026-12-05): at most 200 authorized IP ranges, 2,000 with API Server VNet
		// Integration; 0.0.0.0/32 allows only the outbound IP of the Standard load balancer.
		// IPv4 only: azurerm validates each element with an IPv4-only regex.
		Name: "aks", Consumer: "azurerm_kubernetes_cluster api_server_access_profile.authorized_ip_ranges", Limit: 200, Shape: CIDR,
		Sentinel: "0.0.0.0/32", SentinelMeaning: "only the cluster's own egress IP (it cannot be mixed with other ranges)",
		Note: "an empty list disables the restriction and opens the API server to every address",
	},
	{
		// The same page (checked 2026-12-05) gives 2,000 with API Server VNet Integration; the
		// VNet Integration article itself states no number.
		Name: "aks_vnet_integration", Consumer: "azurerm_kubernetes_cluster api_server_access_profile.authorized_ip_ranges (API Server VNet Integration)",
		Limit: 2000, Shape: CIDR,
		Sentinel: "0.0.0.0/32", SentinelMeaning: "only the cluster's own egress IP (it cannot be mixed with other ranges)",
		Note: "an empty list disables the restriction and opens the API server to every address",
	},
	{
		// learn.microsoft.com/azure/container-registry/container-registry-access-selected-networks
		// (ms.date 2025-02-28, checked 2026-12-05): "a maximum of 100 IP access rules", Premium
		// tier; the service's own quota error says 100 (Azure/acr#518, #641). The newer tier
		// table (2026-02-10) says 200: Microsoft's pages disagree, so the lower, enforced one.
		Name: "container_registry", Consumer: "azurerm_container_registry network_rule_set.ip_rule[*].ip_range", Limit: 100, Shape: CIDR,
	},
	{
		// learn.microsoft.com/azure/storage/common/storage-network-security (public access
		// configuration, ms.date 2025-06-18, checked 2026-12-05): "up to 400 rules"; RFC 1918
		// ranges are not allowed; "/31 or /32 prefix sizes are not supported", a single address
		// is written bare; IPv4 only; IP rules have no effect on same-region requests.
		Name: "storage_account", Consumer: "azurerm_storage_account network_rules.ip_rules, azurerm_storage_account_network_rules.ip_rules",
		Limit: 400, Shape: Storage, PublicOnly: true,
		Note: "IP rules do not apply to requests from the storage account's own Azure region",
	},
	{
		// learn.microsoft.com/azure/key-vault/general/network-security (checked 2026-12-05):
		// "200 virtual network rules and 1000 IPv4 rules", public addresses only (azurerm lets
		// private ones through; Azure refuses them).
		Name: "key_vault", Consumer: "azurerm_key_vault network_acls.ip_rules", Limit: 1000, Shape: CIDR, PublicOnly: true,
	},
	{
		// learn.microsoft.com/azure/event-hubs/event-hubs-quotas (checked 2026-12-05): 128 IP
		// config rules; with no IP or network rule the namespace admits every address. Not
		// available on the Basic tier.
		Name: "event_hubs", Consumer: "azurerm_eventhub_namespace network_rulesets.ip_rule[*].ip_mask", Limit: 128, Shape: CIDR,
		Note: "an empty list opens the namespace to every address",
	},
	{
		// learn.microsoft.com/azure/azure-sql/database/firewall-configure (checked 2026-12-05):
		// up to 128 server-level rules, each a start and end address (a 2024 docs issue reports
		// 255 in practice); 0.0.0.0-0.0.0.0 is "Allow Azure services and resources to access
		// this server" and counts as one rule.
		Name: "sql_server", Consumer: "azurerm_mssql_firewall_rule (one per entry: start_ip_address, end_ip_address)", Limit: 128, Shape: Range,
		Sentinel: "0.0.0.0-0.0.0.0", SentinelMeaning: "allow every Azure service of every tenant",
	},
	{
		// learn.microsoft.com/azure/firewall/ip-groups and the Azure Firewall limits (checked
		// 2026-12-05): 5,000 addresses or prefixes per IP group; a rule whose group is emptied
		// is skipped.
		Name: "ip_group", Consumer: "azurerm_ip_group cidrs", Limit: 5000, Shape: CIDR,
		Note: "a firewall rule whose IP group is empty is skipped",
	},
}

// All returns every target, in the documentation's order.
func All() []Target {
	return slices.Clone(targets)
}

// Names returns the target names, in the documentation's order.
func Names() []string {
	out := make([]string, len(targets))
	for i, t := range targets {
		out[i] = t.Name
	}
	return out
}

// sentinelPrefix is the sentinel as the single address it names, or the zero prefix.
func (t Target) sentinelPrefix() netip.Prefix {
	first, _, _ := strings.Cut(strings.TrimSuffix(t.Sentinel, "/32"), "-")
	a, err := netip.ParseAddr(first)
	if err != nil {
		return netip.Prefix{}
	}
	return netip.PrefixFrom(a, 32)
}
