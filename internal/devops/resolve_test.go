package devops

import (
	"reflect"
	"sort"
	"strings"
	"testing"
)

func TestResolveGeography(t *testing.T) {
	us := []string{"centralus", "eastus", "eastus2", "eastus3", "northcentralus", "southcentralus",
		"southcentralus2", "southeastus", "southeastus3", "westcentralus", "westus", "westus2", "westus3"}
	tests := []struct {
		name      string
		query     Query
		geography string
		regions   []string
		fallbacks []string
	}{
		{"europe with fallback adds France via westeurope", Query{Geography: "Europe", IncludeCapacityFallback: true},
			"Europe", []string{"francecentral", "francesouth", "northeurope", "northeurope2", "westeurope"}, []string{"France"}},
		{"europe without fallback", Query{Geography: "Europe"},
			"Europe", []string{"northeurope", "northeurope2", "westeurope"}, nil},
		{"short form EU, any case", Query{Geography: "eu"},
			"Europe", []string{"northeurope", "northeurope2", "westeurope"}, nil},
		{"brazil with fallback adds the United States", Query{Geography: "Brazil", IncludeCapacityFallback: true},
			"Brazil", append([]string{"brazilsouth", "brazilsoutheast"}, us...), []string{"United States"}},
		{"US short form", Query{Geography: "US", IncludeCapacityFallback: true}, "United States", us, nil},
		{"united kingdom spelled with odd case", Query{Geography: "united KINGDOM"}, "United Kingdom", []string{"uksouth", "ukwest"}, nil},
		{"APAC", Query{Geography: "APAC"}, "Asia Pacific", []string{"eastasia", "southeastasia"}, nil},
		{"organisation in West Europe display name", Query{OrganizationRegion: "West Europe", IncludeCapacityFallback: true},
			"Europe", []string{"francecentral", "francesouth", "northeurope", "northeurope2", "westeurope"}, []string{"France"}},
		{"organisation in North Europe gets no France", Query{OrganizationRegion: "northeurope", IncludeCapacityFallback: true},
			"Europe", []string{"northeurope", "northeurope2", "westeurope"}, nil},
		{"organisation in Brazil South", Query{OrganizationRegion: "Brazil South", IncludeCapacityFallback: true},
			"Brazil", append([]string{"brazilsouth", "brazilsoutheast"}, us...), []string{"United States"}},
		{"organisation in Brazil South without fallback", Query{OrganizationRegion: "brazilsouth"},
			"Brazil", []string{"brazilsouth", "brazilsoutheast"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plan, err := Resolve(tt.query)
			if err != nil {
				t.Fatalf("Resolve: %v", err)
			}
			want := append([]string(nil), tt.regions...)
			sortStrings(want)
			if plan.Geography != tt.geography || !reflect.DeepEqual(plan.Regions, want) || !reflect.DeepEqual(plan.FallbackGeographies, tt.fallbacks) {
				t.Fatalf("got %+v, want geography %q regions %v fallbacks %v", plan, tt.geography, want, tt.fallbacks)
			}
		})
	}
}

func TestResolveErrors(t *testing.T) {
	tests := []struct {
		name  string
		query Query
		want  []string
	}{
		{"neither", Query{}, []string{"exactly one of geography or organization_region"}},
		{"both", Query{Geography: "Europe", OrganizationRegion: "westeurope"}, []string{"not both", `"Europe"`, `"westeurope"`}},
		{"unknown geography lists valid values", Query{Geography: "Antarctica"}, []string{`"Antarctica"`, `"United States"`, `"India"`, `"APAC"`}},
		{"France is only a fallback", Query{Geography: "France"}, []string{`geography "France"`}},
		{"unknown organisation region", Query{OrganizationRegion: "Mars North"}, []string{`organization_region "Mars North"`, `"westeurope"`}},
		{"region outside any organisation geography", Query{OrganizationRegion: "francecentral"}, []string{`"francecentral"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Resolve(tt.query)
			if err == nil {
				t.Fatal("want an error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestTableIsWellFormed(t *testing.T) {
	seen := map[string]string{}
	for _, g := range Geographies() {
		if len(g.Regions) == 0 {
			t.Errorf("%s has no regions", g.Name)
		}
		sorted := append([]string(nil), g.Regions...)
		sortStrings(sorted)
		if !reflect.DeepEqual(sorted, g.Regions) {
			t.Errorf("%s regions are not sorted: %v", g.Name, g.Regions)
		}
		for _, r := range g.Regions {
			if other, dup := seen[r]; dup {
				t.Errorf("region %s is in both %s and %s", r, other, g.Name)
			}
			seen[r] = g.Name
		}
	}
	for region, fb := range capacityFallbacks {
		if _, ok := seen[region]; !ok {
			t.Errorf("fallback source %s is not an organisation region", region)
		}
		if _, ok := byName(fb); !ok {
			t.Errorf("fallback geography %s is unknown", fb)
		}
	}
	if len(GeographyNames()) != 8 {
		t.Errorf("want the 8 organisation geographies, got %v", GeographyNames())
	}
}

func sortStrings(s []string) { sort.Strings(s) }
