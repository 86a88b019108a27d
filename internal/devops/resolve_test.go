package devops

import (
	"errors"
	"maps"
	"slices"
	"strings"
	"testing"
)

var usRegions = []string{"centralus", "eastus", "eastus2", "eastus3", "northcentralus", "southcentralus",
	"southcentralus2", "southeastus", "southeastus3", "westcentralus", "westus", "westus2", "westus3"}

func TestResolveGeography(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		query     Query
		geography string
		regions   []string
		fallbacks map[string]string // region -> fallback geography
	}{
		{"europe with fallback adds France via westeurope", Query{Geography: "Europe", IncludeCapacityFallback: true},
			"Europe", []string{"francecentral", "francesouth", "northeurope", "northeurope2", "westeurope"},
			map[string]string{"francecentral": "France", "francesouth": "France"}},
		{"europe without fallback", Query{Geography: "Europe"},
			"Europe", []string{"northeurope", "northeurope2", "westeurope"}, nil},
		{"short form EU, any case", Query{Geography: "eu"},
			"Europe", []string{"northeurope", "northeurope2", "westeurope"}, nil},
		{"brazil with fallback adds the United States", Query{Geography: "Brazil", IncludeCapacityFallback: true},
			"Brazil", append([]string{"brazilsouth", "brazilsoutheast"}, usRegions...), fallbackMap(usRegions, "United States")},
		{"US short form", Query{Geography: "US", IncludeCapacityFallback: true}, "United States", usRegions, nil},
		{"united kingdom spelled with odd case", Query{Geography: "united KINGDOM"}, "United Kingdom", []string{"uksouth", "ukwest"}, nil},
		{"APAC", Query{Geography: "APAC"}, "Asia Pacific", []string{"eastasia", "southeastasia"}, nil},
		{"organisation in West Europe display name", Query{OrganizationRegion: "West Europe", IncludeCapacityFallback: true},
			"Europe", []string{"francecentral", "francesouth", "northeurope", "northeurope2", "westeurope"},
			map[string]string{"francecentral": "France", "francesouth": "France"}},
		{"organisation in North Europe gets no France", Query{OrganizationRegion: "northeurope", IncludeCapacityFallback: true},
			"Europe", []string{"northeurope", "northeurope2", "westeurope"}, nil},
		{"organisation in Brazil South", Query{OrganizationRegion: "Brazil South", IncludeCapacityFallback: true},
			"Brazil", append([]string{"brazilsouth", "brazilsoutheast"}, usRegions...), fallbackMap(usRegions, "United States")},
		{"organisation in Brazil South without fallback", Query{OrganizationRegion: "brazilsouth"},
			"Brazil", []string{"brazilsouth", "brazilsoutheast"}, nil},
		{"display name with odd spacing and case", Query{OrganizationRegion: "  east-us 2 "},
			"United States", usRegions, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			plan, err := Resolve(tt.query)
			if err != nil {
				t.Fatalf("Resolve: %v", err)
			}
			want := slices.Sorted(slices.Values(tt.regions))
			if plan.Geography != tt.geography || !slices.Equal(plan.RegionNames(), want) {
				t.Fatalf("got %s %v, want geography %q regions %v", plan.Geography, plan.RegionNames(), tt.geography, want)
			}
			for _, r := range plan.Regions {
				if r.Fallback != tt.fallbacks[r.Name] {
					t.Errorf("%s: fallback %q, want %q", r.Name, r.Fallback, tt.fallbacks[r.Name])
				}
				if (r.Fallback == "") != (r.FallbackOf == "") {
					t.Errorf("%s: fallback %q of %q", r.Name, r.Fallback, r.FallbackOf)
				}
				if r.Announced != (r.Name == "eastus3") {
					t.Errorf("%s: announced = %v", r.Name, r.Announced)
				}
			}
		})
	}
}

func fallbackMap(regions []string, geo string) map[string]string {
	m := map[string]string{}
	for _, r := range regions {
		m[r] = geo
	}
	return m
}

func TestResolveFallbackNamesItsOrigin(t *testing.T) {
	t.Parallel()
	plan, err := Resolve(Query{Geography: "Brazil", IncludeCapacityFallback: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range plan.Regions {
		if strings.HasPrefix(r.Name, "brazil") {
			continue
		}
		if r.Fallback != "United States" || r.FallbackOf != "Brazil South" {
			t.Fatalf("%s: fallback %q of %q, want United States of Brazil South", r.Name, r.Fallback, r.FallbackOf)
		}
	}
}

func TestResolveErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		query    Query
		argument string
		want     []string
	}{
		{"neither", Query{}, "geography", []string{"exactly one of geography or organization_region"}},
		{"both", Query{Geography: "Europe", OrganizationRegion: "westeurope"}, "organization_region", []string{"not both", `"Europe"`, `"westeurope"`}},
		{"unknown geography lists valid values", Query{Geography: "Antarctica"}, "geography", []string{`"Antarctica"`, `"United States"`, `"India"`, `"APAC"`}},
		{"geography typo gets the closest name", Query{Geography: "Eurpoe"}, "geography", []string{`closest: "Europe"`}},
		{"France is only a fallback", Query{Geography: "France"}, "geography", []string{`geography "France"`}},
		{"organisation region typo", Query{OrganizationRegion: "West Eurpoe"}, "organization_region",
			[]string{`organization_region "West Eurpoe"`, `closest: "West Europe"`}},
		{"ARM name typo", Query{OrganizationRegion: "westeurop"}, "organization_region", []string{`closest: "West Europe"`}},
		{"unknown organisation region", Query{OrganizationRegion: "Mars North"}, "organization_region", []string{`organization_region "Mars North"`, `"West Europe"`}},
		{"region outside any organisation geography", Query{OrganizationRegion: "francecentral"}, "organization_region",
			[]string{`"francecentral"`, "only a capacity fallback of West Europe"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := Resolve(tt.query)
			var qe *QueryError
			if !errors.As(err, &qe) {
				t.Fatalf("want a *QueryError, got %v", err)
			}
			if qe.Argument != tt.argument {
				t.Errorf("argument %q, want %q", qe.Argument, tt.argument)
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
	t.Parallel()
	seen := map[string]string{}
	for _, g := range append(slices.Clone(geographies), france) {
		if len(g.regions) == 0 {
			t.Errorf("%s has no regions", g.name)
		}
		if !slices.IsSorted(g.regions) {
			t.Errorf("%s regions are not sorted: %v", g.name, g.regions)
		}
		for _, r := range g.regions {
			if other, dup := seen[r]; dup {
				t.Errorf("region %s is in both %s and %s", r, other, g.name)
			}
			seen[r] = g.name
			if displayNames[r] == "" || normalise(displayNames[r]) != r {
				t.Errorf("region %s has display name %q", r, displayNames[r])
			}
		}
	}
	if len(displayNames) != len(seen) {
		t.Errorf("display names for %v, regions %v", slices.Sorted(maps.Keys(displayNames)), slices.Sorted(maps.Keys(seen)))
	}
	for region, fb := range capacityFallbacks {
		if _, ok := seen[region]; !ok {
			t.Errorf("fallback source %s is not an organisation region", region)
		}
		if _, ok := byName(fb); !ok {
			t.Errorf("fallback geography %s is unknown", fb)
		}
	}
	for r := range announced {
		if _, ok := seen[r]; !ok {
			t.Errorf("announced region %s is in no geography", r)
		}
	}
	if len(geographies) != 8 {
		t.Errorf("want the 8 organisation geographies, got %d", len(geographies))
	}
}

// A region of the file that the table does not know joins its geography when the naming rules
// place it there, marked ByName; one of no tellable geography is listed as unplaced; a known
// region of another geography changes nothing.
func TestResolveLearnsRegionsFromTheFile(t *testing.T) {
	t.Parallel()
	file := append(slices.Clone(usRegions), "northeurope", "westeurope", "northeastus5", "indiasouthcentral", "centraleurope",
		"francenorth", "germanysouth", "denmarkeast", "mars", "japaneast")
	tests := []struct {
		query    Query
		byName   map[string]string // region -> its fallback geography ("" for the own geography)
		unplaced []string
	}{
		{Query{Geography: "United States"}, map[string]string{"northeastus5": ""}, []string{"denmarkeast", "mars"}},
		{Query{Geography: "India"}, map[string]string{"indiasouthcentral": ""}, []string{"denmarkeast", "mars"}},
		{Query{OrganizationRegion: "West Europe", IncludeCapacityFallback: true},
			map[string]string{"centraleurope": "", "francenorth": "France"}, []string{"denmarkeast", "mars"}},
		{Query{OrganizationRegion: "northeastus5"}, map[string]string{"northeastus5": ""}, []string{"denmarkeast", "mars"}},
		{Query{Geography: "Brazil", IncludeCapacityFallback: true}, map[string]string{"northeastus5": "United States"}, []string{"denmarkeast", "mars"}},
	}
	for _, tt := range tests {
		tt.query.FileRegions = file
		plan, err := Resolve(tt.query)
		if err != nil {
			t.Fatalf("%+v: %v", tt.query, err)
		}
		got := map[string]string{}
		for _, r := range plan.Regions {
			if r.ByName {
				got[r.Name] = r.Fallback
			}
		}
		if !maps.Equal(got, tt.byName) || !slices.Equal(plan.Unplaced, tt.unplaced) {
			t.Errorf("%+v: placed by name %v, unplaced %v; want %v, %v", tt.query, got, plan.Unplaced, tt.byName, tt.unplaced)
		}
	}
	// An ARM name placed by the rules is an organisation region only when the file carries it.
	if _, err := Resolve(Query{OrganizationRegion: "northeastus5", FileRegions: usRegions}); err == nil {
		t.Error("northeastus5 accepted though the file does not carry it")
	}
	if _, err := Resolve(Query{OrganizationRegion: "francenorth", FileRegions: []string{"francenorth"}}); err == nil ||
		!strings.Contains(err.Error(), "France is only a capacity fallback") {
		t.Errorf("francenorth as an organisation region: %v", err)
	}
}
