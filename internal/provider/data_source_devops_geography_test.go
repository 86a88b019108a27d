package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/testutil"
)

// fileTagOf spells AzureCloud.<region> as the file does, written out by hand here so the
// expectation does not depend on the mapping the provider derives from the file.
var fileTagOf = map[string]string{
	"francecentral": "AzureCloud.centralfrance", "francesouth": "AzureCloud.southfrance",
	"brazilsoutheast": "AzureCloud.brazilse",
}

var usRegions = []string{"centralus", "eastus", "eastus2", "eastus3", "northcentralus", "southcentralus",
	"southcentralus2", "southeastus", "southeastus3", "westcentralus", "westus", "westus2", "westus3"}

// fileTagName spells a region's AzureCloud tag as the file does.
func fileTagName(region string) string {
	if name, ok := fileTagOf[region]; ok {
		return name
	}
	return "AzureCloud." + region
}

// presentRegions returns the regions whose AzureCloud tag the snapshot carries, sorted.
func presentRegions(raw testutil.RawFile, regions []string) []string {
	have := map[string]bool{}
	for _, v := range raw.Values {
		have[v.Name] = true
	}
	var out []string
	for _, r := range regions {
		if have[fileTagName(r)] {
			out = append(out, r)
		}
	}
	slices.Sort(out)
	return out
}

// presentTags returns the AzureCloud tag names of the regions that the snapshot carries.
func presentTags(raw testutil.RawFile, regions []string) []string {
	var out []string
	for _, r := range presentRegions(raw, regions) {
		out = append(out, fileTagName(r))
	}
	slices.Sort(out)
	return out
}

func TestDevOpsGeographyMatchesIndependentUnion(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, args string
		geography  string
		regions    []string
	}{
		{"Europe with fallback", `geography = "Europe"`, "Europe",
			[]string{"francecentral", "francesouth", "northeurope", "northeurope2", "westeurope"}},
		{"Europe without fallback", "geography = \"eu\"\n  include_capacity_fallback = false", "Europe",
			[]string{"northeurope", "northeurope2", "westeurope"}},
		{"organisation in West Europe", `organization_region = "West Europe"`, "Europe",
			[]string{"francecentral", "francesouth", "northeurope", "northeurope2", "westeurope"}},
		{"organisation in westeurope without fallback", "organization_region = \"westeurope\"\n  include_capacity_fallback = false", "Europe",
			[]string{"northeurope", "northeurope2", "westeurope"}},
		{"United States", `geography = "US"`, "United States", usRegions},
		{"organisation in Brazil South", `organization_region = "Brazil South"`, "Brazil",
			append([]string{"brazilsouth", "brazilsoutheast"}, usRegions...)},
	}
	for _, snapshot := range []string{testutil.PublicLatest, testutil.PublicPrevious, testutil.Public2024} {
		raw := testutil.Raw(t, snapshot)
		path := testutil.SnapshotFile(t, snapshot)
		for _, tc := range cases {
			t.Run(snapshot+"/"+tc.name, func(t *testing.T) {
				t.Parallel()
				tags := presentTags(raw, tc.regions)
				v4, v6 := expectedUnion(t, raw, tags...)
				regions := presentRegions(raw, tc.regions)
				ds := "data.azureiprange_devops_geography.test"
				expectState(t, pinnedProvider(path)+fmt.Sprintf(`
data "azureiprange_devops_geography" "test" {
  %s
}`, tc.args),
					expectAttr(ds, "geography", knownvalue.StringExact(tc.geography)),
					expectAttr(ds, "regions", exactStrings(regions)),
					expectAttr(ds, "service_tags", exactStrings(tags)),
					expectAttr(ds, "ipv4_cidrs", exactStrings(v4)),
					expectAttr(ds, "ipv6_cidrs", exactStrings(v6)),
					expectAttr(ds, "address_prefixes", exactStrings(v4, v6)),
					expectAttr(ds, "cloud", knownvalue.StringExact("Public")),
					expectAttr(ds, "change_number", knownvalue.Int64Exact(raw.ChangeNumber)),
					expectAttr(ds, "source", knownvalue.StringExact(path)),
				)
			})
		}
	}
}

func TestDevOpsGeographyErrors(t *testing.T) {
	t.Parallel()
	public := pinnedProvider(testutil.SnapshotFile(t, testutil.PublicLatest))
	expectConfigErrors(t, []configError{
		{"neither argument", public + `
data "azureiprange_devops_geography" "test" {
}`, `exactly one of geography or organization_region`},
		{"empty geography", public + `
data "azureiprange_devops_geography" "test" {
  geography = ""
}`, `Invalid Azure DevOps geography.*geography is empty; set it to one of "United States", "Europe"`},
		{"blank organisation region", public + `
data "azureiprange_devops_geography" "test" {
  organization_region = "  "
}`, `Invalid organization_region.*organization_region is empty; set it to the organisation's region`},
		{"both arguments", public + `
data "azureiprange_devops_geography" "test" {
  geography           = "Europe"
  organization_region = "westeurope"
}`, `not both`},
		{"unknown geography lists the valid ones", public + `
data "azureiprange_devops_geography" "test" {
  geography = "Antarctica"
}`, `Invalid Azure DevOps geography.*"Antarctica" is not an Azure DevOps organisation geography. Valid values: "United States"`},
		{"geography typo", public + `
data "azureiprange_devops_geography" "test" {
  geography = "Eurpoe"
}`, `geography "Eurpoe" is not an Azure DevOps organisation geography; closest: "Europe"`},
		{"unknown organisation region", public + `
data "azureiprange_devops_geography" "test" {
  organization_region = "Mars North"
}`, `Invalid organization_region.*organization_region "Mars North" is not a region`},
		{"organisation region typo", public + `
data "azureiprange_devops_geography" "test" {
  organization_region = "West Eurpoe"
}`, `Invalid organization_region.*organization_region = "West Eurpoe".*closest: "West Europe"`},
		{"pinned to another cloud", pinnedProvider(testutil.SnapshotFile(t, testutil.China)) + `
data "azureiprange_devops_geography" "test" {
  geography = "Europe"
}`, `Microsoft-hosted Azure DevOps agents run in the Public cloud, but the provider is pinned to .*China`},
		{"every region's tag is empty", pinnedProvider(emptyUKFile(t)) + `
data "azureiprange_devops_geography" "test" {
  geography = "UK"
}`, `No address ranges for this geography.*None of the regions of United Kingdom \(uksouth, ukwest\) has an AzureCloud tag with prefixes.*Refusing to return an empty allow-list`},
	})
}

// emptyUKFile writes a Public file whose two United Kingdom tags carry no prefix (empty tags
// are published, so the file itself is valid) and returns its path.
func emptyUKFile(t *testing.T) string {
	t.Helper()
	tag := func(region string) string {
		return fmt.Sprintf(`{"name": "AzureCloud.%[1]s", "id": "AzureCloud.%[1]s", "properties": {"changeNumber": 1, "region": "%[1]s",
 "regionId": 1, "platform": "Azure", "systemService": "", "addressPrefixes": [], "networkFeatures": ["API"]}}`, region)
	}
	path := filepath.Join(t.TempDir(), "ServiceTags_Public_20251028.json")
	body := `{"changeNumber": 1, "cloud": "Public", "values": [` + tag("uksouth") + ", " + tag("ukwest") + `]}`
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// A geography region the file does not carry yet is a warning naming it, and where it came
// from; the read still succeeds. Regions that were announced but never published (eastus3)
// are no news: they never warn.
func TestDevOpsGeographyWarnsAboutMissingRegions(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		snapshot  string
		args      map[string]tftypes.Value
		warnings  []string // each an expected warning's opening, in order
		notNamed  []string // regions no warning may name
		noWarning bool
	}{
		{"current file, United States: eastus3 is only announced", testutil.PublicLatest,
			map[string]tftypes.Value{"geography": stringValue("United States")}, nil, nil, true},
		{"current file, Europe with the France fallback is complete", testutil.PublicLatest,
			map[string]tftypes.Value{"geography": stringValue("Europe")}, nil, nil, true},
		{"2024 file, United States", testutil.Public2024,
			map[string]tftypes.Value{"geography": stringValue("United States")},
			[]string{"The United States geography includes southcentralus2, southeastus, southeastus3, but "}, []string{"eastus3", "westus2"}, false},
		{"2024 file, Brazil South names the fallback", testutil.Public2024,
			map[string]tftypes.Value{"organization_region": stringValue("Brazil South")},
			[]string{"The United States fallback of Brazil South includes southcentralus2, southeastus, southeastus3, but "},
			[]string{"eastus3"}, false},
		{"2024 file, Brazil without fallback", testutil.Public2024,
			map[string]tftypes.Value{"geography": stringValue("Brazil"), "include_capacity_fallback": tftypes.NewValue(tftypes.Bool, false)},
			nil, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := New("test")().(*AzureIPRangeProvider)
			diags := readDiagnostics(t, p, map[string]string{"service_tags_file": testutil.SnapshotFile(t, tt.snapshot)},
				"azureiprange_devops_geography", tt.args)
			if hasErrorDiagnostic(diags) {
				t.Fatalf("unexpected error: %v", diags)
			}
			if tt.noWarning {
				if len(diags) != 0 {
					t.Fatalf("want no diagnostics, got %v", diags)
				}
				return
			}
			if len(diags) != len(tt.warnings) {
				t.Fatalf("want %d warnings, got %v", len(tt.warnings), diags)
			}
			for i, d := range diags {
				if d.Severity != tfprotov6.DiagnosticSeverityWarning || d.Summary != "Regions without a service tag" ||
					!strings.HasPrefix(d.Detail, tt.warnings[i]) {
					t.Errorf("warning %d: %s: %q, want it to start with %q", i, d.Summary, d.Detail, tt.warnings[i])
				}
				for _, r := range tt.notNamed {
					if regexp.MustCompile(`\b` + r + `\b`).MatchString(d.Detail) {
						t.Errorf("warning names %s: %q", r, d.Detail)
					}
				}
			}
		})
	}
}
