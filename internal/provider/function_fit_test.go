package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/testutil"
)

// fitLocal is the fit tests' shared input: a /31 and single addresses (which the storage
// account writes differently), touching prefixes (one SQL range) and a gap.
const fitLocal = `
locals {
  mixed = ["74.224.208.66/31", "20.1.2.3", "20.1.0.0/30", "20.38.64.0/19", "20.38.96.0/24"]
}
`

func TestFitFunction(t *testing.T) {
	t.Parallel()
	cidr := []string{"20.1.0.0/30", "20.1.2.3/32", "20.38.64.0/19", "20.38.96.0/24", "74.224.208.66/31"}
	calls := []functionCall{
		{"storage_account", `local.mixed, "storage_account"`,
			exactStrings([]string{"20.1.0.0/30", "20.1.2.3", "20.38.64.0/19", "20.38.96.0/24", "74.224.208.66", "74.224.208.67"})},
		{"sql_server", `local.mixed, "sql_server"`,
			exactStrings([]string{"20.1.0.0-20.1.0.3", "20.1.2.3-20.1.2.3", "20.38.64.0-20.38.96.255", "74.224.208.66-74.224.208.67"})},
		// 200 addresses in 128 ranges: the 72 gaps closed are inside trusted space.
		{"sql_server_trusted", `[for i in range(200) : cidrhost("20.40.0.0/16", i * 256)], "sql_server", ["20.40.0.0/17"]`,
			exactStrings([]string{"20.40.0.0-20.40.72.0"}, rangesFrom(73, 200))},
		{"trusted_empty", `local.mixed, "aks", []`, exactStrings(cidr)},
	}
	for _, name := range []string{"aks", "aks_vnet_integration", "container_registry", "key_vault", "event_hubs", "ip_group"} {
		calls = append(calls, functionCall{name, fmt.Sprintf(`local.mixed, %q`, name), exactStrings(cidr)})
	}
	expectFunctionOutputs(t, "fit", fitLocal, calls...)
}

// rangesFrom returns the single-address ranges 20.40.i.0 for i in [from, to).
func rangesFrom(from, to int) []string {
	var out []string
	for i := from; i < to; i++ {
		a := fmt.Sprintf("20.40.%d.0", i)
		out = append(out, a+"-"+a)
	}
	return out
}

func TestFitReportFunction(t *testing.T) {
	t.Parallel()
	report := func(entries []string, target, consumer string, limit, in, merged int64, inputAddrs, extra, untrusted, largest int64) knownvalue.Check {
		return knownvalue.ObjectExact(map[string]knownvalue.Check{
			"entries": exactStrings(entries), "target": knownvalue.StringExact(target), "consumer": knownvalue.StringExact(consumer),
			"limit": knownvalue.Int64Exact(limit), "input_count": knownvalue.Int64Exact(in), "merged_count": knownvalue.Int64Exact(merged),
			"output_count": knownvalue.Int64Exact(int64(len(entries))), "input_addresses": knownvalue.Int64Exact(inputAddrs),
			"extra_addresses": knownvalue.Int64Exact(extra), "untrusted_extra_addresses": knownvalue.Int64Exact(untrusted),
			"largest_entry_addresses": knownvalue.Int64Exact(largest),
		})
	}
	expectFunctionOutputs(t, "fit_report", fitLocal,
		functionCall{"storage", `local.mixed, "storage_account"`, report(
			[]string{"20.1.0.0/30", "20.1.2.3", "20.38.64.0/19", "20.38.96.0/24", "74.224.208.66", "74.224.208.67"},
			"storage_account", "azurerm_storage_account network_rules.ip_rules, azurerm_storage_account_network_rules.ip_rules",
			400, 5, 6, 8455, 0, 0, 8192)},
		functionCall{"sql", `local.mixed, "sql_server", ["20.38.0.0/16"]`, report(
			[]string{"20.1.0.0-20.1.0.3", "20.1.2.3-20.1.2.3", "20.38.64.0-20.38.96.255", "74.224.208.66-74.224.208.67"},
			"sql_server", "azurerm_mssql_firewall_rule (one per entry: start_ip_address, end_ip_address)", 128, 5, 4, 8455, 0, 0, 8448)},
	)
}

// Every refusal is an error on the argument at fault that names the element and the rule.
func TestFitFunctionErrors(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, args, want string }{
		{"unknown target", `["20.1.2.3"], "storage"`,
			`Invalid value for "target" parameter: unknown target "storage"; did you mean "storage_account"\? The targets are "aks", "aks_vnet_integration", "container_registry", "storage_account", "key_vault", "event_hubs", "sql_server", "ip_group"`},
		{"null target", `["20.1.2.3"], null`, `Invalid value for "target" parameter`},
		{"empty list", `[], "event_hubs"`, `Invalid value for "cidrs" parameter: the list is empty`},
		{"ipv6 element", `["20.1.2.3", "2603:1020::/47"], "container_registry"`,
			`Invalid value for "cidrs" parameter: element 1 \("2603:1020::/47"\): 2603:1020::/47 is IPv6, and the container_registry target \(azurerm_container_registry network_rule_set.ip_rule\[\*\].ip_range\) takes IPv4 only; pass the ipv4_cidrs attribute`},
		{"private for storage", `["20.1.2.3", "10.1.0.0/16"], "storage_account"`,
			`Invalid value for "cidrs" parameter: element 1 \("10.1.0.0/16"\): the storage_account target .* takes public addresses only: 10.1.0.0/16 lies in 10.0.0.0/8, private-use address space`},
		{"aks sentinel", `["20.1.2.3", "0.0.0.0/32"], "aks"`,
			`Invalid value for "cidrs" parameter: element 1 \("0.0.0.0/32"\): 0.0.0.0 is the address of the aks target's sentinel 0.0.0.0/32, which to azurerm_kubernetes_cluster api_server_access_profile.authorized_ip_ranges means only the cluster's own egress IP`},
		{"sql sentinel", `["0.0.0.0", "20.1.2.3"], "sql_server"`, `element 0 \("0.0.0.0"\): .*sentinel 0.0.0.0-0.0.0.0, which to azurerm_mssql_firewall_rule .* means allow every Azure service of every tenant`},
		{"near-open input", `["0.0.0.0/1", "128.0.0.0/2", "192.0.0.0/3"], "container_registry"`,
			`Invalid value for "cidrs" parameter: the list covers every unicast IPv4 address`},
		{"implausible trusted", `["20.1.2.3"], "aks", ["20.0.0.0/8"]`, `Invalid value for "trusted" parameter: element 0 \("20.0.0.0/8"\): 20.0.0.0/8 is shorter than /12`},
		{"second trusted list", `["20.1.2.3"], "aks", ["20.0.0.0/12"], ["40.0.0.0/12"]`, `Invalid value for "trusted" parameter: trusted takes at most one list, got 2`},
		{"mixed families", `["20.1.2.3", "2603:1020::/47"], "aks"`, `element 1 .* is IPv6`},
	}
	for _, tt := range tests {
		for _, fn := range []string{"fit", "fit_report"} {
			t.Run(fn+"/"+tt.name, func(t *testing.T) {
				t.Parallel()
				functionTestCase(t, resource.TestStep{
					Config:      `output "result" { value = provider::azureiprange::` + fn + `(` + tt.args + `) }`,
					ExpectError: errorPattern(tt.want),
				})
			})
		}
	}
}

// fitRealWestEurope is each target's fit of a West Europe organisation's agents (Europe with
// its France fallback, 2025-10-28 file) trusting AzureCloud: entries and addresses admitted
// outside Microsoft's space, as internal/cidrset's real-data test pins them against its
// independent references.
var fitRealWestEurope = []struct {
	target             string
	entries, untrusted int64
}{
	{"aks", 200, 168866}, {"aks_vnet_integration", 841, 0}, {"container_registry", 100, 1489057},
	{"storage_account", 400, 0}, {"key_vault", 841, 0}, {"event_hubs", 128, 784847}, {"sql_server", 128, 172156}, {"ip_group", 841, 0},
}

// fitRealConfig reads the West Europe organisation's agents and AzureCloud from the pinned
// snapshot; body uses local.agents and local.azure.
func fitRealConfig(body string) string {
	return `
data "azureiprange_devops_geography" "agents" {
  organization_region = "West Europe"
}
data "azureiprange_service_tags" "azure" {
  names = ["AzureCloud"]
}
locals {
  agents = data.azureiprange_devops_geography.agents.ipv4_cidrs
  azure  = data.azureiprange_service_tags.azure.address_prefixes
}
` + body
}

// The functions through the CLI on the real file: every target, and fit equal to compact
// for aks. TestFitDataSourceReal checks the data source gives the same.
func TestFitFunctionReal(t *testing.T) {
	t.Setenv("AZUREIPRANGE_SERVICE_TAGS_FILE", testutil.SnapshotFile(t, testutil.PublicLatest))
	var body strings.Builder
	var checks []statecheck.StateCheck
	for _, c := range fitRealWestEurope {
		fmt.Fprintf(&body, "output %q {\n  value = provider::azureiprange::fit_report(local.agents, %q, local.azure)\n}\n", c.target, c.target)
		checks = append(checks, statecheck.ExpectKnownOutputValue(c.target, knownvalue.ObjectPartial(map[string]knownvalue.Check{
			"output_count": knownvalue.Int64Exact(c.entries), "untrusted_extra_addresses": knownvalue.Int64Exact(c.untrusted),
			"entries": knownvalue.ListSizeExact(int(c.entries)),
		})))
	}
	body.WriteString(`output "aks_is_compact" {
  value = provider::azureiprange::fit(local.agents, "aks", local.azure) == provider::azureiprange::compact(local.agents, 200, local.azure)
}
`)
	checks = append(checks, statecheck.ExpectKnownOutputValue("aks_is_compact", knownvalue.Bool(true)))
	functionTestCase(t, resource.TestStep{Config: fitRealConfig(body.String()), ConfigStateChecks: checks})
}

// The examples run as documented, with the results their comments state.
func TestFitExamples(t *testing.T) {
	t.Setenv("TF_ACC_PROVIDER_NAMESPACE", "azureiprange") // the examples name their registry source
	t.Setenv("AZUREIPRANGE_SERVICE_TAGS_FILE", testutil.SnapshotFile(t, testutil.PublicLatest))
	functionTestCase(t, resource.TestStep{
		Config: readExample(t, "functions", "fit", "function.tf"),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownOutputValue("storage_account",
				exactStrings([]string{"20.1.0.0/30", "20.1.2.3", "20.38.64.0/19", "20.38.96.0/24", "74.224.208.66", "74.224.208.67"})),
			statecheck.ExpectKnownOutputValue("sql_server",
				exactStrings([]string{"20.1.0.0-20.1.0.3", "20.1.2.3-20.1.2.3", "20.38.64.0-20.38.96.255", "74.224.208.66-74.224.208.67"})),
			statecheck.ExpectKnownOutputValue("key_vault",
				exactStrings([]string{"20.1.0.0/30", "20.1.2.3/32", "20.38.64.0/19", "20.38.96.0/24", "74.224.208.66/31"})),
		},
	}, resource.TestStep{
		// The United Kingdom's 238 prefixes in a registry's 100 rules: 19,152 addresses outside
		// Microsoft's space, within the example's budget (the fit guide's table).
		Config: readExample(t, "functions", "fit_report", "function.tf"),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownOutputValue("registry_ip_rules", knownvalue.ListSizeExact(100)),
			statecheck.ExpectKnownOutputValue("registry_cost", knownvalue.ObjectPartial(map[string]knownvalue.Check{
				"merged_count": knownvalue.Int64Exact(238), "untrusted_extra_addresses": knownvalue.Int64Exact(19152),
			})),
		},
	}, resource.TestStep{
		Config: readExample(t, "data-sources", "azureiprange_fit", "data-source.tf"),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownOutputValue("storage_ip_rules", knownvalue.ListSizeExact(400)),
			statecheck.ExpectKnownOutputValue("sql_firewall_ranges", knownvalue.ListSizeExact(100)),
		},
	})
}

// readExample returns an example file of the repository.
func readExample(t *testing.T, elem ...string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(append([]string{testutil.RepoRoot(), "examples"}, elem...)...))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
