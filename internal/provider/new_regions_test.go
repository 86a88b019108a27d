package provider

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/testutil"
)

// withNewRegion is the latest Public snapshot with a region Microsoft opened after this release:
// its AzureCloud.<region> tag holding prefix, and regional service tags as Microsoft publishes
// them (Storage.<Region>, AzureMonitor.<Region>).
func withNewRegion(t *testing.T, region, titled, prefix string) string {
	t.Helper()
	var doc map[string]any
	dec := json.NewDecoder(bytes.NewReader(testutil.Snapshot(t, testutil.PublicLatest)))
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	tag := func(name string, prefixes ...string) map[string]any {
		list := []any{}
		for _, p := range prefixes {
			list = append(list, p)
		}
		return map[string]any{"name": name, "id": name, "properties": map[string]any{
			"changeNumber": 1, "region": region, "regionId": 99, "platform": "Azure", "systemService": "",
			"addressPrefixes": list, "networkFeatures": []any{"API", "NSG"}}}
	}
	doc["values"] = append(doc["values"].([]any), tag("AzureCloud."+region, prefix),
		tag("Storage."+titled, prefix), tag("AzureMonitor."+titled, prefix))
	out, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	return writeFile(t, "ServiceTags_Public_20251028.json", string(out))
}

// A region the provider's table does not list joins its geography's allow-list when its name
// tells the geography, with one warning that names it; one of no tellable geography is named
// in a warning and left out; nothing else changes.
func TestDevOpsGeographyNewRegions(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, region, titled, prefix string
		args                         map[string]tftypes.Value
		joins                        bool   // the region is in the result
		warning, says                string // the warning's summary and a part of it
	}{
		{"United States", "northeastus5", "NortheastUS5", "20.47.0.0/16", map[string]tftypes.Value{"geography": stringValue("US")},
			true, "Regions placed by their names", "carries northeastus5 (United States), which this provider version does not list yet"},
		{"India", "indiasouthcentral", "IndiaSouthCentral", "20.48.0.0/16", map[string]tftypes.Value{"geography": stringValue("India")},
			true, "Regions placed by their names", "indiasouthcentral (India)"},
		{"Europe", "centraleurope", "CentralEurope", "20.49.0.0/16", map[string]tftypes.Value{"organization_region": stringValue("West Europe")},
			true, "Regions placed by their names", "centraleurope (Europe)"},
		{"the France fallback", "francenorth", "FranceNorth", "20.52.0.0/16", map[string]tftypes.Value{"organization_region": stringValue("West Europe")},
			true, "Regions placed by their names", "francenorth (France, the capacity fallback of West Europe)"},
		{"a new country", "denmarkeast", "DenmarkEast", "20.50.0.0/16", map[string]tftypes.Value{"geography": stringValue("Europe")},
			false, "New regions of unknown geography", `carries "AzureCloud.denmarkeast", regions this provider version does not list and whose geography cannot be told`},
		{"a name of no rule", "mars", "Mars", "20.51.0.0/16", map[string]tftypes.Value{"geography": stringValue("United States")},
			false, "New regions of unknown geography", `names = ["AzureCloud.mars"]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			file := withNewRegion(t, tt.region, tt.titled, tt.prefix)
			p := New("test")().(*AzureIPRangeProvider)
			diags, state := readDataSource(t.Context(), t, p, map[string]string{"service_tags_file": file}, "azureiprange_devops_geography", tt.args)
			if len(diags) != 1 || diags[0].Severity != tfprotov6.DiagnosticSeverityWarning || diags[0].Summary != tt.warning ||
				!strings.Contains(diags[0].Detail, tt.says) {
				t.Fatalf("want one warning %q saying %q, got %s", tt.warning, tt.says, describe(diags))
			}
			regions, v4 := stateStrings(t, state, "regions"), stateStrings(t, state, "ipv4_cidrs")
			if slices.Contains(regions, tt.region) != tt.joins || slices.Contains(v4, tt.prefix) != tt.joins {
				t.Fatalf("region in the result %v, its prefix %v; want %v", slices.Contains(regions, tt.region), slices.Contains(v4, tt.prefix), tt.joins)
			}
		})
	}
}

// The same through the real CLI: the new region's prefix reaches the allow-list, and an
// organisation in the new region is accepted by its ARM name.
func TestDevOpsGeographyNewRegionThroughTheCLI(t *testing.T) {
	t.Parallel()
	file := withNewRegion(t, "northeastus5", "NortheastUS5", "20.47.0.0/16")
	const ds = "data.azureiprange_devops_geography.agents"
	expectState(t, pinnedProvider(file)+`
data "azureiprange_devops_geography" "agents" {
  organization_region = "northeastus5"
}
output "joined" {
  value = [
    contains(data.azureiprange_devops_geography.agents.regions, "northeastus5"),
    contains(data.azureiprange_devops_geography.agents.service_tags, "AzureCloud.northeastus5"),
    contains(data.azureiprange_devops_geography.agents.ipv4_cidrs, "20.47.0.0/16"),
  ]
}`,
		expectAttr(ds, "geography", knownvalue.StringExact("United States")),
		statecheck.ExpectKnownOutputValue("joined", knownvalue.ListExact([]knownvalue.Check{
			knownvalue.Bool(true), knownvalue.Bool(true), knownvalue.Bool(true)})),
	)
}
