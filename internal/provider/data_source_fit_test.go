package provider

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/testutil"
)

// The data source needs no provider functions: these tests run on Terraform 1.5 too.
func TestFitDataSource(t *testing.T) {
	t.Parallel()
	const ds = "data.azureiprange_fit.storage"
	expectState(t, fitLocal+`
data "azureiprange_fit" "storage" {
  cidrs  = local.mixed
  target = "storage_account"
}
data "azureiprange_fit" "lower" {
  cidrs   = local.mixed
  target  = "storage_account"
  limit   = 3
  trusted = ["20.1.0.0/16"]
}
`,
		expectAttr(ds, "entries", exactStrings([]string{"20.1.0.0/30", "20.1.2.3", "20.38.64.0/19", "20.38.96.0/24", "74.224.208.66", "74.224.208.67"})),
		expectAttr(ds, "limit", knownvalue.Int64Exact(400)),
		expectAttr(ds, "consumer", knownvalue.StringExact("azurerm_storage_account network_rules.ip_rules, azurerm_storage_account_network_rules.ip_rules")),
		expectAttr(ds, "merged_count", knownvalue.Int64Exact(6)),
		expectAttr(ds, "output_count", knownvalue.Int64Exact(6)),
		expectAttr(ds, "input_addresses", knownvalue.Int64Exact(8455)),
		expectAttr(ds, "extra_addresses", knownvalue.Int64Exact(0)),
		expectAttr(ds, "largest_entry_addresses", knownvalue.Int64Exact(8192)),
		// A lower limit: the /31 widens to its /30, 20.1.0.0/30 and 20.1.2.3 join inside trusted space.
		expectAttr("data.azureiprange_fit.lower", "entries", exactStrings([]string{"20.1.0.0/22", "20.38.64.0/18", "74.224.208.64/30"})),
		expectAttr("data.azureiprange_fit.lower", "limit", knownvalue.Int64Exact(3)),
		expectAttr("data.azureiprange_fit.lower", "untrusted_extra_addresses", knownvalue.Int64Exact(7938)),
	)
}

// The same errors as the functions, on the attribute at fault, caught at validate time when
// the arguments are known then, else at plan.
func TestFitDataSourceErrors(t *testing.T) {
	t.Parallel()
	var rows []configError
	for _, r := range []struct{ name, args, want string }{
		{"unknown target", `cidrs = ["20.1.2.3"]
  target = "keyvault"`, `Invalid target.*unknown target "keyvault"; did you mean "key_vault"`},
		{"ipv6 element", `cidrs = ["2603:1020::/47"]
  target = "key_vault"`, `Invalid cidrs.*element 0 \("2603:1020::/47"\): .*takes IPv4 only; pass the ipv4_cidrs attribute`},
		{"private for key vault", `cidrs = ["192.168.1.1"]
  target = "key_vault"`, `Invalid cidrs.*takes public addresses only: 192.168.1.1/32 lies in 192.168.0.0/16`},
		{"limit zero", `cidrs = ["20.1.2.3"]
  target = "aks"
  limit = 0`, `Invalid limit.*limit must be a whole number of at least 1, got 0`},
		{"near-open result at a lowered limit", `cidrs = ["1.0.0.1", "200.0.0.1"]
  target = "aks"
  limit = 1`, `Invalid limit.*the aks target \(limit 1\): compacting to at most 1 prefix would cover every unicast`},
		{"widened into private space", `cidrs = ["9.255.255.0/24", "11.0.0.0/24"]
  target = "storage_account"
  limit = 1`, `Invalid limit.*the storage_account target: fitting to 1 entries would write 8.0.0.0/6, but azurerm_storage_account .* takes public addresses only: 8.0.0.0/6 contains 10.0.0.0/8`},
		{"empty", `cidrs = []
  target = "event_hubs"`, `Invalid cidrs.*the list is empty`},
		{"implausible trusted", `cidrs = ["20.1.2.3"]
  target = "aks"
  trusted = ["0.0.0.0/0"]`, `Invalid trusted.*0.0.0.0/0 is shorter than /12`},
		// cidrs from another data source is unknown at validate: target and limit are checked anyway.
		{"unknown cidrs, target typo", `cidrs = [terraform_data.late.output]
  target = "keyvault"`, `Invalid target.*unknown target "keyvault"`},
		{"unknown cidrs, bad limit", `cidrs = [terraform_data.late.output]
  target = "key_vault"
  limit = 0.5`, `Invalid limit.*got 0\.5`},
		{"sentinel known only at plan", `cidrs = [terraform_data.late.output]
  target = "aks"`, `Invalid cidrs.*element 0 \("0.0.0.0/32"\): 0.0.0.0 is the address of the aks target's sentinel`},
	} {
		rows = append(rows, configError{r.name, `
resource "terraform_data" "late" {
  input = "0.0.0.0/32"
}
data "azureiprange_fit" "test" {
  ` + r.args + `
}`, r.want})
	}
	expectConfigErrors(t, rows)
}

// The data source on the real file gives what the functions give (TestFitFunctionReal): every
// target for a West Europe organisation, trusting AzureCloud.
func TestFitDataSourceReal(t *testing.T) {
	t.Setenv("AZUREIPRANGE_SERVICE_TAGS_FILE", testutil.SnapshotFile(t, testutil.PublicLatest))
	var body strings.Builder
	var checks []statecheck.StateCheck
	for _, c := range fitRealWestEurope {
		fmt.Fprintf(&body, "data \"azureiprange_fit\" %q {\n  cidrs   = local.agents\n  target  = %q\n  trusted = local.azure\n}\n", c.target, c.target)
		ds := "data.azureiprange_fit." + c.target
		checks = append(checks, expectAttr(ds, "output_count", knownvalue.Int64Exact(c.entries)),
			expectAttr(ds, "untrusted_extra_addresses", knownvalue.Int64Exact(c.untrusted)),
			expectAttr(ds, "entries", knownvalue.ListSizeExact(int(c.entries))))
	}
	expectState(t, fitRealConfig(body.String()), checks...)
}

// At `terraform validate` cidrs usually comes from another data source and is unknown: a
// mistyped target and a bad limit must fail there all the same, each on its own attribute.
func TestFitDataSourceValidatesKnownArguments(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	server := providerserver.NewProtocol6(New("test")())()
	dsType := dataSourceType(ctx, t, server, "azureiprange_fit")
	resp, err := server.ValidateDataResourceConfig(ctx, &tfprotov6.ValidateDataResourceConfigRequest{
		TypeName: "azureiprange_fit",
		Config: objectConfig(t, dsType, map[string]tftypes.Value{
			"cidrs":  tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, tftypes.UnknownValue),
			"target": stringValue("keyvault"),
			"limit":  tftypes.NewValue(tftypes.Number, 0.5),
		}),
	})
	if err != nil {
		t.Fatal(err)
	}
	if findDiagnostic(resp.Diagnostics, tfprotov6.DiagnosticSeverityError, `unknown target "keyvault"`) == nil ||
		findDiagnostic(resp.Diagnostics, tfprotov6.DiagnosticSeverityError, "got 0.5") == nil {
		t.Fatalf("want the target and the limit refused at validate, got %s", describe(resp.Diagnostics))
	}
}
