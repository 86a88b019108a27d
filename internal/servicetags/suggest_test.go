package servicetags

import (
	"slices"
	"testing"
)

func TestSuggest(t *testing.T) {
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
		{"AzureCloud.westeuropa", []string{"AzureCloud.westus", "AzureCloud.westeurope", "AzureCloud", "Storage.WestEurope"}, 3,
			[]string{"AzureCloud.westeurope", "AzureCloud.westus", "AzureCloud"}},
	}
	for _, tt := range tests {
		got := suggest(tt.value, tt.candidates, tt.n)
		if !slices.Equal(got, tt.want) {
			t.Errorf("suggest(%q, n=%d) = %q, want %q", tt.value, tt.n, got, tt.want)
		}
	}
}

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"abc", "", 3}, {"", "abc", 3}, {"kitten", "sitting", 3},
		{"westeuropa", "westeurope", 1}, {"europa", "us", 5}, {"héllo", "hello", 1},
	}
	for _, tt := range tests {
		if got := editDistance(tt.a, tt.b); got != tt.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}
