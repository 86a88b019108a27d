package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
)

// The data source needs no provider functions, so these tests run on every Terraform the
// suite runs on, 1.5 included. TestCompactRealEuropeTrusted checks it equals the functions.
func TestCompactDataSource(t *testing.T) {
	t.Parallel()
	const ds = "data.azureiprange_compact.trusted"
	checks := []statecheck.StateCheck{
		expectAttr(ds, "result", exactStrings(agentsIn3Trusted)),
		expectAttr("data.azureiprange_compact.plain", "result", exactStrings(agentsIn3)),
		expectAttr(ds, "cidrs", knownvalue.ListSizeExact(5)),
		expectAttr(ds, "limit", knownvalue.Int64Exact(3)),
	}
	for name, c := range (reportWant{5, 5, 3, 29, "5", "5", "0"}).checks(t) {
		checks = append(checks, expectAttr(ds, name, c))
	}
	expectState(t, agentsLocal+`
data "azureiprange_compact" "trusted" {
  cidrs   = local.agents
  limit   = 3
  trusted = ["20.51.100.0/29", "2603:1000::/40"]
}
data "azureiprange_compact" "plain" {
  cidrs = local.agents
  limit = 3
}
`, checks...)
}

// The same errors as the functions, on the attribute at fault, caught at validate time when
// the arguments are known then, else at plan.
func TestCompactDataSourceErrors(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, args, want string }{
		{"empty list", `cidrs = []
  limit = 200`, `Invalid cidrs.*the list is empty; an empty allow-list`},
		{"limit not whole", `cidrs = ["10.0.0.0/8"]
  limit = 1.5`, `Invalid limit.*limit must be a whole number of at least 1, got 1\.5`},
		{"bad element", `cidrs = ["10.0.0.0/8", "10.0.0.300/24"]
  limit = 200`, `Invalid cidrs.*element 1 \("10\.0\.0\.300/24"\): not an IP address or CIDR prefix`},
		{"null element", `cidrs = ["10.0.0.0/8", null]
  limit = 200`, `Invalid cidrs.*element 1 is null`},
		{"bad trusted element", `cidrs = ["10.0.0.0/8"]
  limit = 200
  trusted = ["nope"]`, `Invalid trusted.*element 0 \("nope"\): not an IP address or CIDR prefix`},
		{"mixed families", `cidrs = ["10.0.0.0/8", "2603:1000::/40"]
  limit = 200`, `Invalid cidrs.*the list mixes IPv4 and IPv6 prefixes`},
		{"result would be everything", `cidrs = ["10.0.0.0/8", "200.0.0.0/8"]
  limit = 1`, `Invalid limit.*would cover every unicast IPv4 address`},
		{"trusted everything", `cidrs = ["20.0.0.1"]
  limit = 1
  trusted = ["0.0.0.0/0"]`, `Invalid trusted.*element 0 \("0\.0\.0\.0/0"\): 0\.0\.0\.0/0 is shorter than /12`},
		{"known only at plan", `cidrs = [terraform_data.late.output]
  limit = 200`, `Invalid cidrs.*element 0 \("not-an-address"\)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			expectConfigError(t, `
resource "terraform_data" "late" {
  input = "not-an-address"
}
data "azureiprange_compact" "test" {
  `+tt.args+`
}`, tt.want)
		})
	}
}
