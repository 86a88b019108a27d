package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/testutil"
)

// A pinned file serves only the cloud that is named: with no cloud named anywhere, only a
// Public file. A China, AzureGovernment or AzureGermany file pinned by the provider argument,
// the environment variable or a URL used to serve Public data sources, trusted lists included.
func TestPinnedFileOfAnotherCloudNeedsItsCloudNamed(t *testing.T) {
	srv := newSnapshotServer(t)
	for _, snapshot := range []string{testutil.China, testutil.Government, testutil.Germany} {
		srv.serve("/"+snapshot, testutil.Snapshot(t, snapshot))
	}
	const tags = `
data "azureiprange_service_tags" "azure" {
  services = ["AzureCloud"]
}
`
	var rows []configError
	for _, snapshot := range []string{testutil.China, testutil.Government, testutil.Germany} {
		cloud := testutil.Raw(t, snapshot).Cloud
		want := fmt.Sprintf(`(?s)holds the %q cloud.*but no cloud is named, so only a "Public" file is served.*set cloud = %q`, cloud, cloud)
		path := testutil.SnapshotFile(t, snapshot)
		rows = append(rows,
			configError{snapshot + "/argument", pinnedProvider(path) + tags, want},
			configError{snapshot + "/url", fmt.Sprintf("provider \"azureiprange\" {\n  service_tags_url = %q\n}\n", srv.URL+"/"+snapshot) + tags, want},
			// A compaction trusting the wrong cloud's AzureCloud fails with it.
			configError{snapshot + "/trusted", pinnedProvider(path) + tags + `
data "azureiprange_compact" "x" {
  cidrs   = ["20.1.2.3", "20.1.2.9"]
  limit   = 1
  trusted = data.azureiprange_service_tags.azure.address_prefixes
}`, want})
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: factoriesWith(srv.transport()),
				Steps:                    []resource.TestStep{{Config: row.config, ExpectError: errorPattern(row.want)}},
			})
		})
	}
	// The environment variable pins the same way (t.Setenv: not parallel).
	t.Run("environment", func(t *testing.T) {
		t.Setenv("AZUREIPRANGE_SERVICE_TAGS_FILE", testutil.SnapshotFile(t, testutil.Germany))
		expectConfigError(t, tags, `(?s)holds the "AzureGermany" cloud.*no cloud is named.*set cloud = "AzureGermany"`)
	})
	// Naming the cloud serves it: AzureGermany, retired, works with a pinned file of it.
	t.Run("named", func(t *testing.T) {
		t.Setenv("AZUREIPRANGE_SERVICE_TAGS_FILE", testutil.SnapshotFile(t, testutil.Germany))
		t.Setenv("AZUREIPRANGE_CLOUD", "AzureGermany")
		expectState(t, tags, expectAttr("data.azureiprange_service_tags.azure", "cloud", knownvalue.StringExact("AzureGermany")))
	})
	t.Run("retired cloud without a pin", func(t *testing.T) {
		expectConfigError(t, `
provider "azureiprange" {
  cloud = "AzureGermany"
}
`+tags, `(?s)Invalid cloud.*"AzureGermany" cloud was retired in 2021 and publishes no file to download`)
	})
}
