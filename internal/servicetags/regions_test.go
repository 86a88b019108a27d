package servicetags

import (
	"slices"
	"testing"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/testutil"
)

func TestARMRegionOnRealFiles(t *testing.T) {
	tests := []struct {
		file            string
		fileRegion, arm string
	}{
		{testutil.PublicLatest, "centralfrance", "francecentral"},
		{testutil.PublicLatest, "southfrance", "francesouth"},
		{testutil.PublicLatest, "brazilse", "brazilsoutheast"},
		{testutil.PublicLatest, "germanywc", "germanywestcentral"},
		{testutil.PublicLatest, "germanyn", "germanynorth"},
		{testutil.PublicLatest, "norwaye", "norwayeast"},
		{testutil.PublicLatest, "norwayw", "norwaywest"},
		{testutil.PublicLatest, "switzerlandn", "switzerlandnorth"},
		{testutil.PublicLatest, "switzerlandw", "switzerlandwest"},
		{testutil.PublicLatest, "chilec", "chilecentral"},
		{testutil.PublicLatest, "usstagee", "eastusstg"},
		{testutil.PublicLatest, "usstagec", "southcentralusstg"},
		{testutil.PublicLatest, "westeurope", "westeurope"},
		{testutil.PublicLatest, "eastus2", "eastus2"}, // two *.EastUS2Stage tags must not win
		{testutil.PublicLatest, "northcentralus", "northcentralus"},
		{testutil.PublicLatest, "brazilne", "brazilne"},
		{testutil.PublicLatest, "CentralFrance", "francecentral"},
		{testutil.PublicLatest, "nowhere", ""},
		{testutil.PublicLatest, "", ""},
		{testutil.Public2024, "centralfrance", "francecentral"},
		{testutil.Public2024, "germanywc", "germanywestcentral"},
		{testutil.Government, "usgovvirginia", "usgovvirginia"},
		{testutil.China, "chinanorth3", "chinanorth3"},
		{testutil.Germany, "germanynortheast", "germanynortheast"},
	}
	for _, tt := range tests {
		t.Run(tt.file+"/"+tt.fileRegion, func(t *testing.T) {
			f := parseSnapshot(t, tt.file)
			if got := armRegion(f, tt.fileRegion); got != tt.arm {
				t.Errorf("ARMRegion(%q) = %q, want %q", tt.fileRegion, got, tt.arm)
			}
		})
	}
}

func TestResolveRegion(t *testing.T) {
	f := parseSnapshot(t, testutil.PublicLatest)
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"francecentral", "centralfrance", true},
		{"centralfrance", "centralfrance", true},
		{"FranceCentral", "centralfrance", true},
		{"germanywestcentral", "germanywc", true},
		{"norwayeast", "norwaye", true},
		{"westeurope", "westeurope", true},
		{"WESTEUROPE", "westeurope", true},
		{"eastus2stage", "", false},
		{"west europe", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := f.ResolveRegion(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ResolveRegion(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestRegionNames(t *testing.T) {
	f := parseSnapshot(t, testutil.PublicLatest)
	names := f.regionNames()
	if !slices.IsSorted(names) {
		t.Error("RegionNames not sorted")
	}
	// 71 file strings plus 12 ARM names that differ from them.
	if len(names) != 83 {
		t.Errorf("%d region names, want 83", len(names))
	}
	for _, n := range []string{"francecentral", "centralfrance", "westeurope", "chilecentral", "chilec"} {
		if !slices.Contains(names, n) {
			t.Errorf("RegionNames lacks %q", n)
		}
	}
	for _, n := range names {
		if _, ok := f.ResolveRegion(n); !ok {
			t.Errorf("RegionNames offers %q which does not resolve", n)
		}
	}
}

// TestElectARM covers the vote on crafted counts, including ties and weak support.
func TestElectARM(t *testing.T) {
	tests := []struct {
		self  string
		votes map[string]int
		want  string
	}{
		{"centralfrance", map[string]int{"francecentral": 44, "centralfrance": 1}, "francecentral"},
		{"eastus2", map[string]int{"eastus2": 48, "eastus2stage": 2}, "eastus2"},
		{"x", map[string]int{"x": 3, "y": 3}, "y"},         // tie prefers the other suffix
		{"x", map[string]int{"y": 1}, "x"},                 // one tag is not enough
		{"x", map[string]int{"y": 2, "z": 2}, "x"},         // no strict majority
		{"x", map[string]int{"y": 2, "z": 2, "w": 2}, "x"}, // still none
		{"x", map[string]int{}, "x"},                       // no dotted regional tags
		{"x", map[string]int{"b": 3, "a": 3, "x": 1}, "x"}, // split vote
		{"x", map[string]int{"b": 5, "a": 5}, "x"},         // exactly half is not a majority
	}
	for _, tt := range tests {
		if got := electARM(tt.self, tt.votes); got != tt.want {
			t.Errorf("electARM(%q, %v) = %q, want %q", tt.self, tt.votes, got, tt.want)
		}
	}
}

// TestRegionClash checks that a derived ARM name equal to another region's own string is
// dropped, so that every input resolves to exactly one region.
func TestRegionClash(t *testing.T) {
	f := mustParse(t, fileJSON("Public", 1,
		tagJSON("A.Beta", "alpha", "4.0.0.0/12"),
		tagJSON("B.Beta", "alpha", "20.1.0.0/16"),
		tagJSON("C.beta", "beta", "20.2.0.0/16"),
	))
	if got := armRegion(f, "alpha"); got != "alpha" {
		t.Errorf("ARMRegion(alpha) = %q, want alpha (beta is another region's string)", got)
	}
	if got, _ := f.ResolveRegion("beta"); got != "beta" {
		t.Errorf("ResolveRegion(beta) = %q, want beta", got)
	}
}
