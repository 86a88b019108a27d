package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/testutil"
)

// compactTestCase runs steps against the in-process provider with Terraform 1.8 or later,
// the first version with provider-defined functions.
func compactTestCase(t *testing.T, steps ...resource.TestStep) {
	t.Helper()
	resource.UnitTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)},
		ProtoV6ProviderFactories: testProviderFactories,
		Steps:                    steps,
	})
}

// compactStringList is an exact check for a list of strings.
func compactStringList(values ...string) knownvalue.Check {
	checks := make([]knownvalue.Check, len(values))
	for i, v := range values {
		checks[i] = knownvalue.StringExact(v)
	}
	return knownvalue.ListExact(checks)
}

// compactOutputConfig declares one output holding a call of fn.
func compactOutputConfig(fn, cidrs string, limit string) string {
	return fmt.Sprintf(`
output "result" {
  value = provider::azureiprange::%s(%s, %s)
}
`, fn, cidrs, limit)
}

func TestCompactFunctionKnownValues(t *testing.T) {
	tests := []struct {
		name  string
		cidrs string
		limit string
		want  []string
	}{
		{"lossless merge", `["10.0.0.128/25", "10.0.0.0/25", "192.168.1.0/24"]`, "200", []string{"10.0.0.0/24", "192.168.1.0/24"}},
		// .0, .2 and .8 in two entries: the /30 adds .1 and .3, any other pairing adds more.
		{"lossy optimum", `["10.0.0.0", "10.0.0.2", "10.0.0.8"]`, "2", []string{"10.0.0.0/30", "10.0.0.8/32"}},
		{"lossy to one", `["10.0.0.0", "10.0.0.2", "10.0.0.8"]`, "1", []string{"10.0.0.0/28"}},
		{"bare addresses", `["1.2.3.4", "1.2.3.5"]`, "200", []string{"1.2.3.4/31"}},
		{"host bits masked", `["10.1.2.3/8", " 172.16.5.4/12 "]`, "200", []string{"10.0.0.0/8", "172.16.0.0/12"}},
		{"duplicates and nesting", `["10.0.0.0/8", "10.0.0.0/8", "10.20.0.0/16"]`, "1", []string{"10.0.0.0/8"}},
		{"ipv6", `["2001:db8::/48", "2001:db8:1::/48", "2001:db8:3::1"]`, "2", []string{"2001:db8::/47", "2001:db8:3::1/128"}},
		{"ipv6 lossy", `["2001:db8::/48", "2001:db8:1::/48", "2001:db8:3::1"]`, "1", []string{"2001:db8::/46"}},
		{"ipv4 mapped", `["::ffff:10.0.0.1", "10.0.0.0"]`, "5", []string{"10.0.0.0/31"}},
		{"empty list", `[]`, "40", []string{}},
		{"huge limit is lossless", `["10.0.0.0/25", "10.0.0.128/25"]`, "1e30", []string{"10.0.0.0/24"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			compactTestCase(t, resource.TestStep{
				Config: compactOutputConfig("compact", tt.cidrs, tt.limit),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("result", compactStringList(tt.want...)),
				},
			})
		})
	}
}

func TestCompactFunctionUnknownArgument(t *testing.T) {
	// terraform_data's output is unknown until apply, so the whole list, or one element of
	// it, is unknown at plan time and the result must be too.
	tests := []struct {
		name  string
		cidrs string
		want  string
	}{
		{"unknown list", `terraform_data.cidrs.output`, "10.0.0.0/28"},
		{"unknown element", `[terraform_data.cidrs.output[0], "10.0.0.2"]`, "10.0.0.0/30"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			compactTestCase(t, resource.TestStep{
				Config: `
resource "terraform_data" "cidrs" {
  input = ["10.0.0.0", "10.0.0.2", "10.0.0.8"]
}
` + compactOutputConfig("compact", tt.cidrs, "1"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectUnknownOutputValue("result")},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("result", compactStringList(tt.want)),
				},
			})
		})
	}
}

func TestCompactFunctionErrors(t *testing.T) {
	tests := []struct {
		name  string
		cidrs string
		limit string
		want  string
	}{
		{"limit zero", `["10.0.0.0/8"]`, "0", `Invalid value for "limit" parameter: limit must be a whole number of at least 1, got 0`},
		{"limit not whole", `["10.0.0.0/8"]`, "1.5", `Invalid value for "limit" parameter: limit must be a whole number of at least 1, got 1\.5`},
		{"limit negative", `["10.0.0.0/8"]`, "-3", `Invalid value for "limit" parameter: limit must be a whole number of at least 1, got -3`},
		{"bad element", `["10.0.0.0/8", "1.1.1.1", "10.0.0.300/24"]`, "200", `Invalid value for "cidrs" parameter: element 2 \("10\.0\.0\.300/24"\): not an IP address or CIDR prefix`},
		{"zone", `["fe80::1%eth0"]`, "200", `Invalid value for "cidrs" parameter: element 0 \("fe80::1%eth0"\): IPv6 zones`},
		{"null element", `["10.0.0.0/8", null]`, "200", `Invalid value for "cidrs" parameter: element 1 is null`},
		{"mixed families", `["10.0.0.0/8", "2001:db8::/32"]`, "200", `Invalid value for "cidrs" parameter: the list mixes IPv4 and IPv6 prefixes; compact IPv4 and IPv6 separately`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			compactTestCase(t, resource.TestStep{
				Config:      compactOutputConfig("compact", tt.cidrs, tt.limit),
				ExpectError: compactErrorPattern(tt.want),
			})
		})
	}
}

// compactErrorPattern matches want in Terraform's output, which wraps long lines: any run
// of spaces in want may be a line break there.
func compactErrorPattern(want string) *regexp.Regexp {
	return regexp.MustCompile(strings.ReplaceAll(want, " ", `\s+`))
}

func TestCompactFunctionExamples(t *testing.T) {
	// The examples name the provider by its registry source; serve the in-process
	// provider under that namespace so they run unchanged.
	t.Setenv("TF_ACC_PROVIDER_NAMESPACE", "azureiprange")
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(testutil.RepoRoot(), "examples", "functions", name, "function.tf"))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	compactTestCase(t, resource.TestStep{
		Config: read("compact"),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownOutputValue("aks_authorized_ip_ranges",
				compactStringList("192.0.2.0/24", "198.51.100.7/32", "198.51.100.9/32", "203.0.113.0/24")),
		},
	})
	compactTestCase(t, resource.TestStep{
		Config: read("compact_report"),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownOutputValue("eks_public_access_cidrs",
				compactStringList("192.0.2.0/24", "198.51.100.0/28", "203.0.113.0/24")),
			statecheck.ExpectKnownOutputValue("eks_compaction", knownvalue.ObjectExact(map[string]knownvalue.Check{
				"lossless":        knownvalue.Bool(false),
				"extra_addresses": knownvalue.Int64Exact(14),
				"widest_prefix":   knownvalue.Int64Exact(24),
			})),
		},
	})
}
