package provider

import (
	"encoding/json"
	"math/big"
	"net/netip"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/testutil"
)

// compactReportWant is the expected compact_report object; widest < 0 means null.
type compactReportWant struct {
	cidrs                          []string
	input, merged, output          int64
	inputAddresses, extraAddresses string // decimal, may exceed 64 bits
	widest                         int64
}

// check turns the expectation into an exact object check.
func (w compactReportWant) check(t *testing.T) knownvalue.Check {
	t.Helper()
	var widest knownvalue.Check = knownvalue.Null()
	if w.widest >= 0 {
		widest = knownvalue.Int64Exact(w.widest)
	}
	return knownvalue.ObjectExact(map[string]knownvalue.Check{
		"cidrs":                compactStringList(w.cidrs...),
		"input_count":          knownvalue.Int64Exact(w.input),
		"merged_count":         knownvalue.Int64Exact(w.merged),
		"output_count":         knownvalue.Int64Exact(w.output),
		"input_addresses":      knownvalue.NumberExact(compactBigFloat(t, w.inputAddresses)),
		"extra_addresses":      knownvalue.NumberExact(compactBigFloat(t, w.extraAddresses)),
		"widest_prefix_length": widest,
	})
}

// compactBigFloat parses a decimal integer exactly.
func compactBigFloat(t *testing.T, s string) *big.Float {
	t.Helper()
	i, ok := new(big.Int).SetString(s, 10)
	if !ok {
		t.Fatalf("bad number %q", s)
	}
	return new(big.Float).SetInt(i)
}

func TestCompactReportFunctionKnownValues(t *testing.T) {
	tests := []struct {
		name  string
		cidrs string
		limit string
		want  compactReportWant
	}{
		{"lossless", `["10.0.0.128/25", "10.0.0.0/25", "192.168.1.0/24"]`, "200",
			compactReportWant{[]string{"10.0.0.0/24", "192.168.1.0/24"}, 3, 2, 2, "512", "0", 24}},
		{"lossy", `["10.0.0.0", "10.0.0.2", "10.0.0.8"]`, "2",
			compactReportWant{[]string{"10.0.0.0/30", "10.0.0.8/32"}, 3, 3, 2, "3", "2", 30}},
		{"duplicates and host bits", `["10.1.2.3/16", "10.1.0.0/16", "10.1.9.9"]`, "1",
			compactReportWant{[]string{"10.1.0.0/16"}, 3, 1, 1, "65536", "0", 16}},
		// ::/1 plus ffff::/16 in one entry is ::/0: 2^127 + 2^112 given, 2^127 - 2^112 added.
		{"ipv6 beyond 64 bits", `["::/1", "ffff::/16"]`, "1",
			compactReportWant{[]string{"::/0"}, 2, 2, 1,
				"170146375757327766559315834212213325824", "170135991163610696904058773219554885632", 0}},
		{"all of ipv6", `["::/0"]`, "1",
			compactReportWant{[]string{"::/0"}, 1, 1, 1, "340282366920938463463374607431768211456", "0", 0}},
		{"empty", `[]`, "200",
			compactReportWant{[]string{}, 0, 0, 0, "0", "0", -1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			compactTestCase(t, resource.TestStep{
				Config: compactOutputConfig("compact_report", tt.cidrs, tt.limit),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("result", tt.want.check(t)),
				},
			})
		})
	}
}

// compactEuropeIPv4 returns the IPv4 prefixes of AzureCloud.northeurope and
// AzureCloud.westeurope from the 2025-10-28 Public snapshot, as given.
func compactEuropeIPv4(t *testing.T) []string {
	t.Helper()
	all, missing := testutil.Raw(t, testutil.PublicLatest).Prefixes("AzureCloud.northeurope", "AzureCloud.westeurope")
	if len(missing) > 0 {
		t.Fatalf("snapshot lacks %v", missing)
	}
	var out []string
	for _, p := range all {
		if netip.MustParsePrefix(p).Addr().Is4() {
			out = append(out, p)
		}
	}
	return out
}

func TestCompactReportFunctionRealEurope(t *testing.T) {
	cidrs := compactEuropeIPv4(t)
	if len(cidrs) != 764 {
		t.Fatalf("Europe IPv4 has %d prefixes, want 764", len(cidrs))
	}
	quoted, _ := json.Marshal(cidrs) // a JSON list of strings is valid HCL
	// The figures match internal/cidrset's real-data test, itself checked against an
	// independent implementation of the optimum.
	compactTestCase(t, resource.TestStep{
		Config: compactOutputConfig("compact_report", string(quoted), "200") + `
output "summary" {
  value = {
    for k, v in provider::azureiprange::compact_report(` + string(quoted) + `, 200) : k => v if k != "cidrs"
  }
}
`,
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownOutputValue("summary", knownvalue.ObjectExact(map[string]knownvalue.Check{
				"input_count":          knownvalue.Int64Exact(int64(len(cidrs))),
				"merged_count":         knownvalue.Int64Exact(660),
				"output_count":         knownvalue.Int64Exact(200),
				"input_addresses":      knownvalue.Int64Exact(6788066),
				"extra_addresses":      knownvalue.Int64Exact(2062958),
				"widest_prefix_length": knownvalue.Int64Exact(15),
			})),
			statecheck.ExpectKnownOutputValueAtPath("result", tfjsonpath.New("cidrs"), knownvalue.ListSizeExact(200)),
		},
	})
}

func TestCompactReportFunctionUnknownArgument(t *testing.T) {
	compactTestCase(t, resource.TestStep{
		Config: `
resource "terraform_data" "cidrs" {
  input = ["10.0.0.0", "10.0.0.2", "10.0.0.8"]
}
` + compactOutputConfig("compact_report", "terraform_data.cidrs.output", "2"),
		ConfigPlanChecks: resource.ConfigPlanChecks{
			PreApply: []plancheck.PlanCheck{plancheck.ExpectUnknownOutputValue("result")},
		},
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownOutputValue("result",
				compactReportWant{[]string{"10.0.0.0/30", "10.0.0.8/32"}, 3, 3, 2, "3", "2", 30}.check(t)),
		},
	})
}

func TestCompactReportFunctionErrors(t *testing.T) {
	tests := []struct {
		name  string
		cidrs string
		limit string
		want  string
	}{
		{"limit zero", `["10.0.0.0/8"]`, "0", `Invalid value for "limit" parameter: limit must be a whole number of at least 1, got 0`},
		{"bad element", `["10.0.0.300/24"]`, "5", `Invalid value for "cidrs" parameter: element 0 \("10\.0\.0\.300/24"\): not an IP address or CIDR prefix`},
		{"empty element", `["10.0.0.0/8", ""]`, "5", `Invalid value for "cidrs" parameter: element 1 \(""\): empty string`},
		{"null element", `[null]`, "5", `Invalid value for "cidrs" parameter: element 0 is null`},
		{"mixed families", `["::1", "10.0.0.0/8", "2001:db8::/32"]`, "1", `Invalid value for "cidrs" parameter: the list mixes IPv4 and IPv6 prefixes; compact IPv4 and IPv6 separately`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			compactTestCase(t, resource.TestStep{
				Config:      compactOutputConfig("compact_report", tt.cidrs, tt.limit),
				ExpectError: compactErrorPattern(tt.want),
			})
		})
	}
}
