package provider

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/testutil"
)

// An AzureCloud.<region> tag that is present but empty is treated like a missing one: a
// warning names the region, and the list is the other regions'. It used to contribute nothing
// without a word, leaving the geography's allow-list partial in silence.
func TestDevOpsGeographyEmptyTagWarns(t *testing.T) {
	t.Parallel()
	file := writeFile(t, "ServiceTags_Public_20251028.json",
		string(newSnapshotEditor(t, testutil.PublicLatest).withPrefixes(t, "AzureCloud.westeurope")))
	p := New("test")().(*AzureIPRangeProvider)
	diags, state := readDataSource(t.Context(), t, p, map[string]string{"service_tags_file": file}, "azureiprange_devops_geography",
		map[string]tftypes.Value{"geography": stringValue("Europe")})
	if len(diags) != 1 || diags[0].Severity != tfprotov6.DiagnosticSeverityWarning || diags[0].Summary != "Regions without a service tag" ||
		!strings.HasPrefix(diags[0].Detail, "The Europe geography includes westeurope, but ") ||
		!strings.Contains(diags[0].Detail, "has no AzureCloud tag with prefixes for it") {
		t.Fatalf("want one warning naming westeurope, got %s", describe(diags))
	}
	if got := stateStrings(t, state, "regions"); strings.Join(got, ",") != "francecentral,francesouth,northeurope,northeurope2" {
		t.Errorf("regions %v: the empty westeurope must be left out like a missing one", got)
	}
}

// One empty tag among several names is an error naming it, unless allow_empty: it would
// shrink the list without a word, as a missing name (an error) would not.
func TestServiceTagsEmptyNamedTag(t *testing.T) {
	t.Parallel()
	file := writeFile(t, "ServiceTags_Public_20251028.json",
		string(newSnapshotEditor(t, testutil.PublicLatest).withPrefixes(t, "AzureCloud.westeurope")))
	p := New("test")().(*AzureIPRangeProvider)
	names := stringList("AzureCloud.northeurope", "azurecloud.WestEurope")
	diags := readDiagnostics(t, p, map[string]string{"service_tags_file": file}, "azureiprange_service_tags", map[string]tftypes.Value{"names": names})
	d := findDiagnostic(diags, tfprotov6.DiagnosticSeverityError, `carries the service tag "AzureCloud.westeurope" with no address prefix`, "allow_empty = true")
	if d == nil || d.Attribute == nil || !d.Attribute.Equal(tftypes.NewAttributePath().WithAttributeName("names").WithElementKeyInt(1)) {
		t.Fatalf("want an error on names[1], got %s", describe(diags))
	}
	diags = readDiagnostics(t, p, map[string]string{"service_tags_file": file}, "azureiprange_service_tags",
		map[string]tftypes.Value{"names": names, "allow_empty": tftypes.NewValue(tftypes.Bool, true)})
	if len(diags) != 0 {
		t.Fatalf("allow_empty accepts the empty tag, got %s", describe(diags))
	}
	// A service selection may hold empty tags: only a tag named for its ranges is news.
	diags = readDiagnostics(t, p, map[string]string{"service_tags_file": file}, "azureiprange_service_tags",
		map[string]tftypes.Value{"services": stringList("AzureCloud")})
	if len(diags) != 0 {
		t.Fatalf("services = [AzureCloud] with one empty regional tag: %s", describe(diags))
	}
}
