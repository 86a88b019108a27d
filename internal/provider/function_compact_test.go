package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/testutil"
)

// The optimum itself is tested in internal/cidrset against a brute-force reference; these
// tests show what only the CLI can: arguments as Terraform passes them (the variadic trusted
// list, numbers, nulls, unknowns), results as Terraform stores them, and errors as users read them.

// functionTestCase runs steps against the in-process provider with Terraform 1.8 or later,
// the first version with provider-defined functions.
func functionTestCase(t *testing.T, steps ...resource.TestStep) {
	t.Helper()
	resource.UnitTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)},
		ProtoV6ProviderFactories: testProviderFactories,
		Steps:                    steps,
	})
}

// agentsLocal is the compaction tests' shared input: five agent addresses that three prefixes
// cannot hold without extra addresses, so the plain, trusted and lossless answers differ. The
// functions, the data source and the example all compact it, to the same two answers below.
const agentsLocal = `
locals {
  agents = ["20.51.100.0", "20.51.100.2", "20.51.100.4", "20.51.100.16", "20.51.100.18"]
}
`

var (
	// agentsIn3 is the agents in three prefixes: 4 extra addresses, the fewest possible.
	agentsIn3 = []string{"20.51.100.0/30", "20.51.100.4/32", "20.51.100.16/30"}
	// agentsIn3Trusted is the agents in three prefixes trusting 20.51.100.0/29: one extra
	// address more, but none outside the trusted space.
	agentsIn3Trusted = []string{"20.51.100.0/29", "20.51.100.16/32", "20.51.100.18/32"}
)

// functionCall is one output of expectFunctionOutputs: the call's arguments as HCL, and the
// check of its result.
type functionCall struct {
	output, args string
	want         knownvalue.Check
}

// expectFunctionOutputs calls fn once per call, each as its own output after the HCL prelude,
// in one configuration (one Terraform run), and checks every result. A row keeps a call's
// arguments beside its expected result.
func expectFunctionOutputs(t *testing.T, fn, prelude string, calls ...functionCall) {
	t.Helper()
	var config strings.Builder
	config.WriteString(prelude)
	checks := make([]statecheck.StateCheck, len(calls))
	for i, c := range calls {
		fmt.Fprintf(&config, "output %q {\n  value = provider::azureiprange::%s(%s)\n}\n", c.output, fn, c.args)
		checks[i] = statecheck.ExpectKnownOutputValue(c.output, c.want)
	}
	functionTestCase(t, resource.TestStep{Config: config.String(), ConfigStateChecks: checks})
}

func TestCompactFunction(t *testing.T) {
	t.Parallel()
	expectFunctionOutputs(t, "compact", agentsLocal,
		functionCall{"lossless", `["10.0.0.128/25", " 10.0.0.0/25 ", "10.1.2.3/16", "1.2.3.4"], 200`,
			exactStrings([]string{"1.2.3.4/32", "10.0.0.0/24", "10.1.0.0/16"})},
		functionCall{"lossy", `local.agents, 3`, exactStrings(agentsIn3)},
		functionCall{"trusted", `local.agents, 3, ["20.51.100.0/29", "2603:1000::/40"]`, exactStrings(agentsIn3Trusted)},
		functionCall{"empty_trusted", `local.agents, 3, []`, exactStrings(agentsIn3)},
		functionCall{"ipv6", `["2001:db8::/48", "2001:db8:1::/48", "2001:db8:3::1"], 2`,
			exactStrings([]string{"2001:db8::/47", "2001:db8:3::1/128"})},
		functionCall{"huge_limit", `["10.0.0.0/25", "10.0.0.128/25"], 1e30`, exactStrings([]string{"10.0.0.0/24"})},
	)
}

// Terraform does not call a function while an argument is unknown, even one element of a
// list: the result is unknown at plan time and computed at apply.
func TestCompactFunctionUnknownArgument(t *testing.T) {
	t.Parallel()
	functionTestCase(t, resource.TestStep{
		Config: `
resource "terraform_data" "cidrs" {
  input = ["20.0.0.0", "20.0.0.2", "20.0.0.8"]
}
output "list" {
  value = provider::azureiprange::compact(terraform_data.cidrs.output, 1)
}
output "element" {
  value = provider::azureiprange::compact([terraform_data.cidrs.output[0], "20.0.0.2"], 1, terraform_data.cidrs.output)
}
`,
		ConfigPlanChecks: resource.ConfigPlanChecks{
			PreApply: []plancheck.PlanCheck{plancheck.ExpectUnknownOutputValue("list"), plancheck.ExpectUnknownOutputValue("element")},
		},
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownOutputValue("list", exactStrings([]string{"20.0.0.0/28"})),
			statecheck.ExpectKnownOutputValue("element", exactStrings([]string{"20.0.0.0/30"})),
		},
	})
}

// Every error names the argument and the offending element, in both functions.
func TestCompactFunctionErrors(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, args, want string }{
		{"empty list", `[], 200`, `Invalid value for "cidrs" parameter: the list is empty; an empty allow-list`},
		{"limit zero", `["10.0.0.0/8"], 0`, `Invalid value for "limit" parameter: limit must be a whole number of at least 1, got 0`},
		{"limit not whole", `["10.0.0.0/8"], 1.5`, `Invalid value for "limit" parameter: limit must be a whole number of at least 1, got 1\.5`},
		{"bad element", `["10.0.0.0/8", "1.1.1.1", "10.0.0.300/24"], 200`,
			`Invalid value for "cidrs" parameter: element 2 \("10\.0\.0\.300/24"\): not an IP address or CIDR prefix`},
		{"null element", `["10.0.0.0/8", null], 200`, `Invalid value for "cidrs" parameter: element 1 is null`},
		{"zone", `["fe80::1%eth0"], 200`, `Invalid value for "cidrs" parameter: element 0 \("fe80::1%eth0"\): IPv6 zones`},
		{"mixed families", `["10.0.0.0/8", "2603:1000::/40"], 200`,
			`Invalid value for "cidrs" parameter: the list mixes IPv4 and IPv6 prefixes; compact IPv4 and IPv6 separately`},
		{"bad trusted element", `["10.0.0.0/8"], 200, ["20.0.0.0/12", "nope"]`,
			`Invalid value for "trusted" parameter: element 1 \("nope"\): not an IP address or CIDR prefix`},
		{"null trusted element", `["10.0.0.0/8"], 200, [null]`, `Invalid value for "trusted" parameter: element 0 is null`},
		{"second trusted list", `["10.0.0.0/8"], 200, ["20.0.0.0/12"], ["40.0.0.0/12"]`,
			`Invalid value for "trusted" parameter: trusted takes at most one list, got 2; pass their union as one list`},
		{"result would be everything", `["10.0.0.0/8", "200.0.0.0/8"], 1`,
			`Invalid value for "limit" parameter: compacting to at most 1 prefix would cover every unicast IPv4\s+address \(0\.0\.0\.0–223\.255\.255\.255, as 0\.0\.0\.0/0 does\)`},
		{"result would be every unicast address", `[for i in range(1000) : cidrhost("0.0.0.0/0", i * 4294968)], 3`,
			`Invalid value for "limit" parameter: compacting to at most 3 prefixes would cover every unicast`},
		{"ipv6 result would be global unicast", `["2001:db8::1", "2a01:111::1", "3fff:ffff::1"], 1`,
			`Invalid value for "limit" parameter: compacting to at most 1 prefix would cover every global\s+unicast IPv6 address \(2000::/3`},
		{"input is everything", `["0.0.0.0/1", "128.0.0.0/1"], 2`, `Invalid value for "cidrs" parameter: .*every unicast IPv4 address`},
		{"trusted everything", `["20.0.0.1", "20.0.0.9"], 1, ["0.0.0.0/0"]`,
			`Invalid value for "trusted" parameter: element 0 \("0\.0\.0\.0/0"\): 0\.0\.0\.0/0 is shorter than /12`},
		{"trusted half", `["20.0.0.1", "20.0.0.9"], 1, ["0.0.0.0/1"]`, `element 0 \("0\.0\.0\.0/1"\): 0\.0\.0\.0/1 is shorter than /12`},
		{"trusted private", `["20.0.0.1"], 1, ["20.0.0.0/16", "10.0.0.0/8"]`,
			`element 1 \("10\.0\.0\.0/8"\): 10\.0\.0\.0/8 is shorter than /12`},
		{"trusted documentation", `["20.0.0.1"], 1, ["192.0.2.0/24"]`, `192\.0\.2\.0/24 is documentation address space`},
		// Plausible /12s that add up to most of 64.0.0.0/4: every one passes the gate, the union does not.
		{"trusted union too wide", `["20.0.0.1"], 1, [for i in range(160) : cidrsubnet("64.0.0.0/4", 8, i)]`,
			`Invalid value for "trusted" parameter: the list covers 167772160 IPv4 addresses, more than the 134217728 a trusted list may hold`},
	}
	for _, tt := range tests {
		for _, fn := range []string{"compact", "compact_report"} {
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

func TestCompactFunctionExamples(t *testing.T) {
	// The examples name the provider by its registry source; serve the in-process
	// provider under that namespace so they run unchanged (t.Setenv: not parallel).
	t.Setenv("TF_ACC_PROVIDER_NAMESPACE", "azureiprange")
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(testutil.RepoRoot(), "examples", "functions", name, "function.tf"))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	functionTestCase(t, resource.TestStep{
		Config: read("compact"),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownOutputValue("aks_authorized_ip_ranges",
				exactStrings([]string{"20.51.100.7/32", "20.51.100.9/32", "192.0.2.0/24", "203.0.113.0/24"})),
			statecheck.ExpectKnownOutputValue("three", exactStrings(agentsIn3)),
			statecheck.ExpectKnownOutputValue("three_trusted", exactStrings(agentsIn3Trusted)),
		},
	})
	functionTestCase(t, resource.TestStep{
		Config: read("compact_report"),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownOutputValue("eks_public_access_cidrs",
				exactStrings([]string{"20.51.100.0/28", "192.0.2.0/24", "203.0.113.0/24"})),
			statecheck.ExpectKnownOutputValue("eks_compaction", knownvalue.ObjectExact(map[string]knownvalue.Check{
				"lossless":        knownvalue.Bool(false),
				"extra_addresses": knownvalue.Int64Exact(14),
				"widest_prefix":   knownvalue.Int64Exact(24),
			})),
		},
	})
}
