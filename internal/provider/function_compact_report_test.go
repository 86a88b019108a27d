package provider

import (
	"math/big"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/testutil"
)

// reportWant is an expected compaction report (the list itself aside).
type reportWant struct {
	input, merged, output, widest    int64
	inputAddresses, extra, untrusted string // decimal: IPv6 counts exceed 64 bits
}

// checks returns exact checks for each count, keyed by attribute name.
func (w reportWant) checks(t *testing.T) map[string]knownvalue.Check {
	t.Helper()
	number := func(s string) knownvalue.Check {
		i, ok := new(big.Int).SetString(s, 10)
		if !ok {
			t.Fatalf("bad number %q", s)
		}
		return knownvalue.NumberExact(new(big.Float).SetInt(i))
	}
	return map[string]knownvalue.Check{
		"input_count":               knownvalue.Int64Exact(w.input),
		"merged_count":              knownvalue.Int64Exact(w.merged),
		"output_count":              knownvalue.Int64Exact(w.output),
		"widest_prefix_length":      knownvalue.Int64Exact(w.widest),
		"input_addresses":           number(w.inputAddresses),
		"extra_addresses":           number(w.extra),
		"untrusted_extra_addresses": number(w.untrusted),
	}
}

// object is the exact check of a compact_report result holding cidrs.
func (w reportWant) object(t *testing.T, cidrs ...string) knownvalue.Check {
	t.Helper()
	c := w.checks(t)
	c["cidrs"] = exactStrings(cidrs)
	return knownvalue.ObjectExact(c)
}

func TestCompactReportFunction(t *testing.T) {
	t.Parallel()
	expectFunctionOutputs(t, "compact_report", agentsLocal,
		functionCall{"lossless", `["10.0.0.128/25", "10.0.0.0/25", "192.168.1.0/24"], 200`,
			reportWant{3, 2, 2, 24, "512", "0", "0"}.object(t, "10.0.0.0/24", "192.168.1.0/24")},
		functionCall{"lossy", `local.agents, 3`, reportWant{5, 5, 3, 30, "5", "4", "4"}.object(t, agentsIn3...)},
		functionCall{"trusted", `local.agents, 3, ["20.51.100.0/29"]`, reportWant{5, 5, 3, 29, "5", "5", "0"}.object(t, agentsIn3Trusted...)},
		// Counts beyond 64 bits stay exact: c000::/2 admits 2^126 - 2^113 addresses.
		functionCall{"ipv6_beyond_64_bits", `["4000::/2", "ffff::/16", "c000::/16"], 2`, reportWant{3, 3, 2, 2,
			"85080976323951685521100712850600493056", "85060207136517546210586590865283612672",
			"85060207136517546210586590865283612672"}.object(t, "4000::/2", "c000::/2")},
	)
}

// The real figures through the CLI: the Europe geography of the 2025-10-28 file compacted to
// 200 entries, trusting the AzureCloud tag of the same file, admits 53,798 addresses outside
// Microsoft's space (373,502 without trusted: internal/cidrset checks both against an
// independent optimum). The data source gives exactly what the function gives.
func TestCompactRealEuropeTrusted(t *testing.T) {
	t.Parallel()
	path := testutil.SnapshotFile(t, testutil.PublicLatest)
	trusted := reportWant{input: 663, merged: 663, output: 200, widest: 12,
		inputAddresses: "6789602", extra: "7894446", untrusted: "53798"}
	untrusted := reportWant{input: 663, merged: 663, output: 200, widest: 15,
		inputAddresses: "6789602", extra: "2096750", untrusted: "2096750"}
	checks := []statecheck.StateCheck{
		statecheck.ExpectKnownOutputValue("same", knownvalue.Bool(true)),
	}
	for name, c := range trusted.checks(t) {
		checks = append(checks,
			statecheck.ExpectKnownOutputValueAtPath("report", tfjsonpath.New(name), c),
			expectAttr("data.azureiprange_compact.trusted", name, c))
	}
	for name, c := range untrusted.checks(t) {
		checks = append(checks, expectAttr("data.azureiprange_compact.untrusted", name, c))
	}
	functionTestCase(t, resource.TestStep{
		Config: pinnedProvider(path) + `
data "azureiprange_devops_geography" "europe" {
  geography                 = "Europe"
  include_capacity_fallback = false
}
data "azureiprange_service_tags" "azure" {
  names = ["AzureCloud"]
}
locals {
  agents = data.azureiprange_devops_geography.europe.ipv4_cidrs
  azure  = data.azureiprange_service_tags.azure.address_prefixes
}
data "azureiprange_compact" "trusted" {
  cidrs   = local.agents
  limit   = 200
  trusted = local.azure
}
data "azureiprange_compact" "untrusted" {
  cidrs = local.agents
  limit = 200
}
output "report" {
  value = { for k, v in provider::azureiprange::compact_report(local.agents, 200, local.azure) : k => v if k != "cidrs" }
}
output "same" {
  value = (data.azureiprange_compact.trusted.result == provider::azureiprange::compact(local.agents, 200, local.azure) &&
           data.azureiprange_compact.untrusted.result == provider::azureiprange::compact(local.agents, 200))
}
`,
		ConfigStateChecks: checks,
	})
}
