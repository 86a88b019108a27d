package provider

import (
	"fmt"
	"testing"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/testutil"
)

// A forged file that adds twenty non-Microsoft /10s to AzureCloud.westeurope and AzureCloud
// passed the former /8 bound and let the AKS example admit 106 M addresses instead of 22 M.
// The plausibility gate now stops it at the first, naming the tag and the prefix.
func TestForgedWidePrefixesAreRefused(t *testing.T) {
	t.Parallel()
	var forged []string
	for first := 1; first <= 5; first++ {
		for second := 0; second < 256; second += 64 {
			forged = append(forged, fmt.Sprintf("%d.%d.0.0/10", first, second))
		}
	}
	ed := newSnapshotEditor(t, testutil.PublicLatest)
	var rows []configError
	for _, tag := range []string{"AzureCloud.westeurope", "AzureCloud"} {
		file := writeFile(t, "ServiceTags_Public_20251028.json", string(ed.withPrefixes(t, tag, append(ed.prefixes(t, tag), forged...)...)))
		rows = append(rows, configError{tag, `
provider "azureiprange" {
  service_tags_file = ` + hclString(file) + `
}
data "azureiprange_devops_geography" "agents" {
  geography = "Europe"
}
data "azureiprange_service_tags" "azure" {
  names = ["AzureCloud"]
}
`, `service tags file is not plausible: service tag "` + tag + `" lists "1.0.0.0/10": 1.0.0.0/10 is shorter than /12 \(the widest prefix of its family in Microsoft's files is /14\)`})
	}
	expectConfigErrors(t, rows)
}
