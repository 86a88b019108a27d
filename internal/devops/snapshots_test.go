package devops

import (
	"strings"
	"testing"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/servicetags"
	"github.com/azureiprange/terraform-provider-azureiprange/internal/testutil"
)

// Every region of every real Public file is in the table, placed by the naming rules as the
// table places it (left-out regions by no rule): a shipped snapshot never makes a region
// "new", so it never warns.
func TestSnapshotRegionsAreKnown(t *testing.T) {
	for _, name := range testutil.SnapshotNames(t) {
		f, err := servicetags.Parse(testutil.Snapshot(t, name))
		if err != nil {
			t.Fatal(err)
		}
		if f.Cloud != servicetags.CloudPublic {
			continue
		}
		var regions []string
		for _, tag := range f.Tags {
			if tag.Region == "" || !strings.HasPrefix(tag.Name, "AzureCloud.") {
				continue
			}
			arm, _ := f.RegionARM(tag.Region)
			regions = append(regions, arm)
			geography, known := azureGeographies[arm]
			if !known {
				t.Errorf("%s: %s (%s) is not in the table", name, arm, tag.Name)
				continue
			}
			if leftOut[arm] != "" {
				geography = ""
			}
			if got := geographyByName(arm); got != geography {
				t.Errorf("%s: the naming rules place %s in %q, the table in %q", name, arm, got, geography)
			}
		}
		if learnt, unplaced := placeNewRegions(regions); len(learnt) != 0 || len(unplaced) != 0 || len(regions) < 60 {
			t.Errorf("%s: %d regions, new ones placed %v, unplaced %v", name, len(regions), learnt, unplaced)
		}
	}
}
