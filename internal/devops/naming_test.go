package devops

import (
	"testing"
)

// TestNamingRulesPlaceEveryKnownRegion: the naming rules place every region of the table as
// the table does, left-out regions excepted (which no rule may place), and the examples of
// regions that arrived after the table.
func TestNamingRulesPlaceEveryKnownRegion(t *testing.T) {
	for region, geography := range azureGeographies {
		want := geography
		if leftOut[region] != "" {
			want = ""
		}
		if got := geographyByName(region); got != want {
			t.Errorf("geographyByName(%q) = %q, the table says %q", region, got, want)
		}
	}
	for region, want := range map[string]string{
		"northeastus5": "United States", "indiasouthcentral": "India", "centraleurope": "Europe", "ukcentral": "United Kingdom",
		"francenorth": "France", "germanysouth": "Germany", "brazilsouth2": "Brazil",
		// No geography can be told: a new country, a name of no known form, look-alikes.
		"denmarkeast": "", "mars": "", "centraluseuap2": "", "usnorth": "", "eastus2euap": "", "australia": "",
		"indonesiacentral": "Indonesia", "westindia": "India", "southafricanorth": "South Africa",
	} {
		if got := geographyByName(region); got != want {
			t.Errorf("geographyByName(%q) = %q, want %q", region, got, want)
		}
	}
}
