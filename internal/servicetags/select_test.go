package servicetags

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/testutil"
)

func tagNamesOf(tags []*Tag) []string {
	out := make([]string, len(tags))
	for i, t := range tags {
		out[i] = t.Name
	}
	return out
}

func TestSelect(t *testing.T) {
	f := parseSnapshot(t, testutil.PublicLatest)
	tests := []struct {
		name string
		sel  Selector
		want []string // exact result; nil means "check count only"
		n    int
	}{
		{"one name", Selector{Names: []string{"AzureCloud.westeurope"}}, []string{"AzureCloud.westeurope"}, 1},
		{"names case-insensitive, deduplicated, sorted", Selector{Names: []string{"storage.WESTEUROPE", "AzureCloud.westeurope", "AZURECLOUD.westeurope"}},
			[]string{"AzureCloud.westeurope", "Storage.WestEurope"}, 2},
		{"name without dot", Selector{Names: []string{"azuredevops"}}, []string{"AzureDevOps"}, 1},
		{"service without dot", Selector{Services: []string{"azuretrafficmanager"}}, []string{"AzureTrafficManager"}, 1},
		{"service includes its dot-less tag", Selector{Services: []string{"AzureDevOps"}, Regions: []string{"westeurope"}}, []string{"AzureDevOps.WestEurope"}, 1},
		{"dot-less tag is not regional", Selector{Names: []string{"AzureDevOps"}, Regions: []string{"westeurope"}}, []string{}, 0},
		{"service covers global and regional tags", Selector{Services: []string{"azurefrontdoor"}},
			[]string{"AzureFrontDoor.Backend", "AzureFrontDoor.FirstParty", "AzureFrontDoor.Frontend", "AzureFrontDoor.MicrosoftSecurity"}, 4},
		{"service AND region", Selector{Services: []string{"Storage"}, Regions: []string{"westeurope"}}, []string{"Storage.WestEurope"}, 1},
		{"services OR, AND region (ARM name)", Selector{Services: []string{"Storage", "AzureCloud"}, Regions: []string{"francecentral"}},
			[]string{"AzureCloud.centralfrance", "Storage.FranceCentral"}, 2},
		{"file region string selects the same", Selector{Services: []string{"Storage", "AzureCloud"}, Regions: []string{"CentralFrance"}},
			[]string{"AzureCloud.centralfrance", "Storage.FranceCentral"}, 2},
		{"regions OR", Selector{Services: []string{"AzureCloud"}, Regions: []string{"westeurope", "northeurope"}},
			[]string{"AzureCloud.northeurope", "AzureCloud.westeurope"}, 2},
		{"names AND regions", Selector{Names: []string{"AzureCloud.westeurope", "AzureCloud.northeurope"}, Regions: []string{"westeurope"}},
			[]string{"AzureCloud.westeurope"}, 1},
		{"empty intersection is not an error", Selector{Names: []string{"AzureCloud.westeurope"}, Regions: []string{"francecentral"}}, []string{}, 0},
		{"non-regional dotted tag never matches a region", Selector{Services: []string{"AzureFrontDoor"}, Regions: []string{"westeurope"}}, []string{}, 0},
		{"whole region", Selector{Regions: []string{"francecentral"}}, nil, 45},
		{"whole service", Selector{Services: []string{"AzureCloud"}}, nil, 72}, // 71 regional + global AzureCloud
		{"whole service with dot-less tag", Selector{Services: []string{"AzureDevOps"}}, nil, 25},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := f.Select(tt.sel)
			if err != nil {
				t.Fatalf("Select(%s): %v", tt.sel.Describe(), err)
			}
			if got == nil {
				t.Fatal("Select returned a nil slice; want non-nil, possibly empty")
			}
			names := tagNamesOf(got)
			if len(names) != tt.n || (tt.want != nil && !slices.Equal(names, tt.want)) {
				t.Fatalf("Select(%s) = %q (%d), want %q (%d)", tt.sel.Describe(), names, len(names), tt.want, tt.n)
			}
			if !slices.IsSorted(names) || len(slices.Compact(slices.Clone(names))) != len(names) {
				t.Errorf("result not sorted or has duplicates: %q", names)
			}
		})
	}
}

func TestSelectRegionFormsAgree(t *testing.T) {
	f := parseSnapshot(t, testutil.PublicLatest)
	for _, pair := range [][2]string{{"francecentral", "centralfrance"}, {"germanywestcentral", "germanywc"}, {"norwayeast", "norwaye"}, {"chilecentral", "chilec"}} {
		a, errA := f.Select(Selector{Regions: []string{pair[0]}})
		b, errB := f.Select(Selector{Regions: []string{pair[1]}})
		if errA != nil || errB != nil || len(a) == 0 || !slices.Equal(tagNamesOf(a), tagNamesOf(b)) {
			t.Errorf("%s and %s select differently: %v %v", pair[0], pair[1], errA, errB)
		}
		for _, tag := range a {
			if tag.Region != pair[1] {
				t.Errorf("%s selected %s with region %q", pair[0], tag.Name, tag.Region)
			}
		}
	}
}

func TestSelectErrors(t *testing.T) {
	f := parseSnapshot(t, testutil.PublicLatest)
	tests := []struct {
		name       string
		sel        Selector
		argument   string
		value      string
		suggestion string // must be the first suggestion
		message    string
	}{
		{"misspelt name among valid ones", Selector{Names: []string{"AzureCloud.northeurope", "AzureCloud.westeuropa"}},
			"names", "AzureCloud.westeuropa", "AzureCloud.westeurope",
			`names: no service tag named "AzureCloud.westeuropa" in this file (cloud Public, change 375); closest: "AzureCloud.westeurope"`},
		{"misspelt service", Selector{Services: []string{"Storage", "Storag"}}, "services", "Storag", "Storage",
			`services: no service named "Storag" in this file (cloud Public, change 375); closest: "Storage"`},
		{"tag name given as service", Selector{Services: []string{"Storage.WestEurope"}}, "services", "Storage.WestEurope", "Storage", ""},
		{"unknown region", Selector{Services: []string{"Storage"}, Regions: []string{"westeuropa"}}, "regions", "westeuropa", "westeurope",
			`regions: no region named "westeuropa" in this file (cloud Public, change 375); closest: "westeurope"`},
		{"region with a space", Selector{Regions: []string{"France Central"}}, "regions", "France Central", "francecentral", ""},
		{"names checked even when regions fail too", Selector{Names: []string{"Nope.Nope"}, Regions: []string{"nowhere"}}, "names", "Nope.Nope", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := f.Select(tt.sel)
			var ue *UnknownError
			if !errors.As(err, &ue) {
				t.Fatalf("Select(%s) = %d tags, %v; want *UnknownError", tt.sel.Describe(), len(got), err)
			}
			if ue.Argument != tt.argument || ue.Value != tt.value || ue.Cloud != CloudPublic || ue.ChangeNumber != 375 {
				t.Errorf("error = %+v", ue)
			}
			if tt.suggestion != "" && (len(ue.Suggestions) == 0 || ue.Suggestions[0] != tt.suggestion) {
				t.Errorf("suggestions %q, want %q first", ue.Suggestions, tt.suggestion)
			}
			if tt.message != "" && !strings.HasPrefix(err.Error(), tt.message) {
				t.Errorf("message %q\nwant prefix %q", err.Error(), tt.message)
			}
		})
	}
}

func TestSelectEmptySelector(t *testing.T) {
	f := parseSnapshot(t, testutil.Germany)
	for _, sel := range []Selector{{}, {Names: []string{}, Services: nil, Regions: []string{}}} {
		if _, err := f.Select(sel); !errors.Is(err, errEmptySelector) {
			t.Errorf("Select(%s) error = %v, want errEmptySelector", sel.Describe(), err)
		}
	}
}

func TestSelectorDescribe(t *testing.T) {
	tests := []struct {
		sel  Selector
		want string
	}{
		{Selector{Names: []string{"AzureCloud.westeurope"}, Regions: []string{"francecentral"}}, `names = ["AzureCloud.westeurope"], regions = ["francecentral"]`},
		{Selector{Services: []string{"Storage", "Sql"}}, `services = ["Storage", "Sql"]`},
		{Selector{Names: []string{`a"b`}, Services: []string{"S"}, Regions: []string{"r"}}, `names = ["a\"b"], services = ["S"], regions = ["r"]`},
		{Selector{}, "(empty selector)"},
	}
	for _, tt := range tests {
		if got := tt.sel.Describe(); got != tt.want {
			t.Errorf("Describe() = %s, want %s", got, tt.want)
		}
	}
}
