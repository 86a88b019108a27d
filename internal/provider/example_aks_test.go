package provider

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/testutil"
)

// The AKS example's allow-list, planned offline on a snapshot as a new user would with
// AZUREIPRANGE_SERVICE_TAGS_FILE: its outputs say how many non-Microsoft addresses the
// compacted list admits. The cluster itself (main.tf) needs azurerm and Azure credentials, so
// only allowlist.tf and variables.tf run here.
func TestAKSExampleAllowList(t *testing.T) {
	t.Setenv("TF_ACC_PROVIDER_NAMESPACE", "azureiprange") // the example names its registry source
	t.Setenv("AZUREIPRANGE_SERVICE_TAGS_FILE", testutil.SnapshotFile(t, testutil.PublicLatest))
	dir := filepath.Join(testutil.RepoRoot(), "examples", "aks-authorized-ip-ranges")
	var hcl string
	for _, name := range []string{"allowlist.tf", "variables.tf"} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		hcl += string(b) + "\n"
	}
	functionTestCase(t, resource.TestStep{
		// The widest block is a /11: a plan that allows only /12 or narrower is refused.
		Config: hcl,
		ConfigVariables: config.Variables{
			"resource_group_name": config.StringVariable("rg-aks-demo"),
			"cluster_name":        config.StringVariable("aks-demo"),
			"min_prefix_length":   config.IntegerVariable(12),
		},
		ExpectError: errorPattern("Compaction to 200 entries would allow a /11, wider than the /12 allowed by min_prefix_length"),
	}, resource.TestStep{
		Config: hcl,
		ConfigVariables: config.Variables{
			"resource_group_name": config.StringVariable("rg-aks-demo"),
			"cluster_name":        config.StringVariable("aks-demo"),
		},
		ConfigStateChecks: []statecheck.StateCheck{
			// Europe with its France fallback, 200 entries, AzureCloud trusted: figures of
			// internal/cidrset's real-data test (663,546 outside Microsoft without trusted).
			statecheck.ExpectKnownOutputValue("non_microsoft_addresses_admitted", knownvalue.Int64Exact(168866)),
			statecheck.ExpectKnownOutputValue("compaction", knownvalue.ObjectPartial(map[string]knownvalue.Check{
				"merged_count":              knownvalue.Int64Exact(841),
				"output_count":              knownvalue.Int64Exact(200),
				"untrusted_extra_addresses": knownvalue.Int64Exact(168866),
				"widest_prefix_length":      knownvalue.Int64Exact(11),
			})),
			statecheck.ExpectKnownOutputValue("authorized_ip_ranges", knownvalue.ListSizeExact(200)),
			statecheck.ExpectKnownOutputValue("devops_regions",
				exactStrings([]string{"francecentral", "francesouth", "northeurope", "northeurope2", "westeurope"})),
		},
	})
}
