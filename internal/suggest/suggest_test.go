package suggest

import (
	"slices"
	"testing"
)

func TestClosest(t *testing.T) {
	t.Parallel()
	regions := []string{"westeurope", "northeurope", "westus", "westus2", "francecentral", "centralfrance", "francesouth", "southfrance", "uksouth"}
	tests := []struct {
		value      string
		candidates []string
		n          int
		want       []string
	}{
		{"westeuropa", regions, 2, []string{"westeurope"}}, // northeurope is 5 edits away: noise
		{"WESTEUROPE", regions, 1, []string{"westeurope"}},
		{"france", regions, 4, []string{"francesouth", "southfrance", "francecentral", "centralfrance"}},
		{"westus4", regions, 3, []string{"westus", "westus2"}},
		{"zzzzzzzz", regions, 3, []string{}},
		{"Storage.WestEurope", []string{"Storage", "Sql", "StorageSyncService"}, 3, []string{"Storage"}},
		{"Storag", []string{"Storage", "Sql", "StorageSyncService"}, 1, []string{"Storage"}},
		{"x", regions, 0, []string{}},
		{"héllo", []string{"hello", "hallo!!"}, 2, []string{"hello"}}, // distance in runes, not bytes
		{"westeuropa", []string{"westeurope", "westeurope"}, 3, []string{"westeurope"}},
		{"AzureCloud.westeuropa", []string{"AzureCloud.westus", "AzureCloud.westeurope", "AzureCloud", "Storage.WestEurope"}, 3,
			[]string{"AzureCloud.westeurope", "AzureCloud.westus", "AzureCloud"}},
		{"West Eurpoe", []string{"West Europe", "westeurope", "North Europe", "northeurope"}, 3, []string{"West Europe", "westeurope"}},
	}
	for _, tt := range tests {
		got := Closest(tt.value, tt.candidates, tt.n)
		if !slices.Equal(got, tt.want) {
			t.Errorf("Closest(%q, n=%d) = %q, want %q", tt.value, tt.n, got, tt.want)
		}
	}
}

func TestQuote(t *testing.T) {
	t.Parallel()
	if got := Quote([]string{"a", `b"c`}); got != `"a", "b\"c"` {
		t.Errorf("Quote = %s", got)
	}
	if got := Quote(nil); got != "" {
		t.Errorf("Quote(nil) = %q", got)
	}
}
